import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { decodeStamps, encodeStamps } from './stamps';

const stamp = fc.constantFrom(
  '000000000000001-0000-a|c1',
  '000000000000002-0001-b|c2',
  '000000000000003-0000-c|c1',
);
const perField = fc.dictionary(fc.string({ minLength: 1, maxLength: 8 }), stamp);

describe('stored field stamps', () => {
  it('decode(encode(x)) is x, for any per-field map', () => {
    fc.assert(
      fc.property(perField, (m) => {
        expect(decodeStamps(JSON.parse(JSON.stringify(encodeStamps(m))), {})).toEqual(m);
      }),
    );
  });

  it('stores each stamp once', () => {
    fc.assert(
      fc.property(perField, (m) => {
        const groups = encodeStamps(m);
        expect(new Set(groups.map((g) => g[0])).size).toBe(groups.length);
        expect(groups.flatMap((g) => g[1]).sort()).toEqual(Object.keys(m).sort());
      }),
    );
  });

  it('a "*" group stamps every field of the row that no other group names', () => {
    const fields = { a: 1, b: 2, c: 3 };
    expect(decodeStamps([['s1', '*']], fields)).toEqual({ a: 's1', b: 's1', c: 's1' });
    expect(
      decodeStamps(
        [
          ['s1', '*'],
          ['s2', ['b']],
        ],
        fields,
      ),
    ).toEqual({ a: 's1', b: 's2', c: 's1' });
    expect(decodeStamps([['s1', '*']], {})).toEqual({});
  });

  it('still reads the per-field form of rows from before migration 0004', () => {
    expect(decodeStamps({ a: 's1', b: 's2' }, {})).toEqual({ a: 's1', b: 's2' });
    expect(
      decodeStamps(
        [
          ['s1', ['a', 'c']],
          ['s2', ['b']],
        ],
        {},
      ),
    ).toEqual({ a: 's1', b: 's2', c: 's1' });
  });
});
