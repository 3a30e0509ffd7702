import { describe, expect, it } from 'vitest';
import { ERROR_CODES } from './errors';
import { errorMessages, makeHostError, renderTemplate } from './errorMessages';

const placeholders = (s: string) => [...s.matchAll(/\{\{(\w+)\}\}/g)].map((m) => m[1]).sort();

describe('error messages', () => {
  it('has a message for every code in both languages, with the same placeholders', () => {
    for (const code of ERROR_CODES) {
      const en = errorMessages['en-US'][code];
      const zh = errorMessages['zh-CN'][code];
      expect(en, code).toBeTruthy();
      expect(zh, code).toBeTruthy();
      expect(placeholders(zh), code).toEqual(placeholders(en));
    }
  });

  it('renders params and leaves unknown placeholders visible', () => {
    expect(renderTemplate('a {{x}} b {{y}}', { x: 1 })).toBe('a 1 b {{y}}');
    const e = makeHostError('illegal_transition', { from: 'closed', to: 'dispatched', allowed: 'reopened' });
    expect(e.message).toContain('"closed"');
    expect(e.message).toContain('reopened');
    expect(e.key).toBe('errors.illegal_transition');
  });
});
