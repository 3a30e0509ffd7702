import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { HybridClock, decodeHlc, encodeHlc } from './hlc';

describe('hybrid logical clock', () => {
  it('encodes so that string order is time order', () => {
    fc.assert(
      fc.property(
        fc.nat({ max: 4_000_000_000_000 }),
        fc.nat({ max: 0xffff }),
        fc.nat({ max: 4_000_000_000_000 }),
        fc.nat({ max: 0xffff }),
        (w1, c1, w2, c2) => {
          const a = encodeHlc({ wall: w1, counter: c1, node: 'n' });
          const b = encodeHlc({ wall: w2, counter: c2, node: 'n' });
          const cmp = w1 !== w2 ? Math.sign(w1 - w2) : Math.sign(c1 - c2);
          expect(Math.sign(a.localeCompare(b, 'en'))).toBe(cmp === 0 ? 0 : cmp);
          expect(decodeHlc(a)).toEqual({ wall: w1, counter: c1, node: 'n' });
        },
      ),
    );
  });

  it('never goes backwards even when the wall clock does, and follows a remote clock', () => {
    let now = 1_000_000;
    const clock = new HybridClock('a', () => now);
    const t1 = clock.tick();
    now -= 5000; // clock stepped back
    const t2 = clock.tick();
    expect(t2 > t1).toBe(true);
    const remote = encodeHlc({ wall: 2_000_000, counter: 7, node: 'b' });
    clock.receive(remote);
    const t3 = clock.tick();
    expect(t3 > remote).toBe(true);
  });

  it('refuses a remote clock absurdly far in the future', () => {
    const clock = new HybridClock('a', () => 0);
    expect(() => clock.receive(encodeHlc({ wall: 10 * 24 * 3600 * 1000, counter: 0, node: 'b' }))).toThrow(
      /ahead/,
    );
  });

  it('rejects malformed values with the value in the message', () => {
    expect(() => decodeHlc('garbage')).toThrow(/garbage/);
  });
});
