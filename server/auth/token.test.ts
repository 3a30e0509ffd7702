import { describe, expect, it } from 'vitest';
import { formatCredential, hashToken, newToken, parseAuthorization, tokenMatches } from './token';

const id = '0b4f6c1e-2d3a-4e5f-8a9b-0c1d2e3f4a5b';

describe('device tokens', () => {
  it('are 256-bit, unique, and verified only against their hash', () => {
    const t = newToken();
    expect(Buffer.from(t, 'base64url')).toHaveLength(32);
    expect(newToken()).not.toBe(t);
    const h = hashToken(t);
    expect(h.toString('hex')).not.toContain(Buffer.from(t).toString('hex'));
    expect(tokenMatches(t, h)).toBe(true);
    expect(tokenMatches(newToken(), h)).toBe(false);
  });

  it('parses "Bearer <deviceId>.<token>" and explains anything else', () => {
    const t = newToken();
    expect(parseAuthorization(`Bearer ${formatCredential(id, t)}`)).toEqual({
      ok: true,
      deviceId: id,
      token: t,
    });
    for (const bad of [
      undefined,
      '',
      'Basic xyz',
      `Bearer ${id}`,
      `Bearer ${id}.short`,
      `Bearer not-a-uuid.${t}`,
    ]) {
      const r = parseAuthorization(bad);
      expect(r.ok).toBe(false);
      if (!r.ok) expect(r.detail.length).toBeGreaterThan(10);
    }
  });
});
