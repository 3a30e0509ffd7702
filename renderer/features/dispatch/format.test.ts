import { describe, expect, it } from 'vitest';
import type { TFunction } from 'i18next';
import { formatDistance, formatWait } from './format';

const t = ((k: string, o?: Record<string, unknown>) => `${k}:${String(o?.n ?? '')}`) as unknown as TFunction;

describe('dispatch formatting', () => {
  it('shows metres under a kilometre and km with one decimal above', () => {
    expect(formatDistance(320.4, t)).toBe('dispatch.metres:320');
    expect(formatDistance(1260, t)).toBe('dispatch.km:1.3');
    expect(formatDistance(null, t)).toBe('dispatch.noDistance:');
  });
  it('formats waits as m:ss and never negative', () => {
    expect(formatWait(181_000)).toBe('3:01');
    expect(formatWait(-5)).toBe('0:00');
  });
});
