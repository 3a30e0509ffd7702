import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { resolveInside } from './safePath';

describe('resolveInside', () => {
  const root = '/srv/app';
  it('maps ordinary paths under the root', () => {
    expect(resolveInside(root, '/index.html')).toBe('/srv/app/index.html');
    expect(resolveInside(root, '/assets/a%20b.js?x=1')).toBe('/srv/app/assets/a b.js');
  });
  it('refuses traversal in every spelling', () => {
    for (const p of [
      '/../etc/passwd',
      '/%2e%2e/etc/passwd',
      '/a/../../etc',
      '/..%2f..%2fetc',
      '/%2e%2e%5cetc',
      '/a\\..\\..\\etc',
      '/%00',
      '/%E0%A4%A',
    ]) {
      expect(resolveInside(root, p), p).toBeNull();
    }
  });
  it('never returns a path outside the root for any input', () => {
    fc.assert(
      fc.property(fc.string(), (s) => {
        const r = resolveInside(root, s);
        expect(r === null || r === root || r.startsWith(`${root}/`)).toBe(true);
      }),
      { numRuns: 2000 },
    );
  });
});
