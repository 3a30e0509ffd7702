import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { PushRequestSchema, SYNC_ENTITIES, SYNC_OPS } from '../../contract/sync';
import { HttpFailure } from '../http/errors';
import { isWellFormedPush, parsePush } from './validate';

const device = '0192f3a4-1111-4222-8333-444455556666';
const other = '0192f3a4-1111-4222-8333-777788889999';

/** Valid changes of this device, and values to break any one property of one change with. */
const change = fc.record({
  consoleId: fc.constant(device),
  seq: fc.integer({ min: 1, max: 1e9 }),
  entity: fc.constantFrom(...SYNC_ENTITIES),
  entityId: fc.string({ minLength: 1, maxLength: 128 }),
  op: fc.constantFrom(...SYNC_OPS),
  fields: fc.dictionary(fc.string({ maxLength: 5 }), fc.jsonValue({ maxDepth: 1 })),
  hlc: fc.integer({ min: 0, max: 1e14 }).map((w) => `${String(w).padStart(15, '0')}-00a1-node`),
  schemaVersion: fc.integer({ min: 1, max: 5 }),
});
const badValue = fc.constantFrom<unknown>(
  undefined,
  null,
  0,
  -1,
  1.5,
  2 ** 53,
  '',
  'x'.repeat(129),
  'x'.repeat(201),
  '1',
  'unknown',
  [],
  {},
  true,
  other,
  `${'0'.repeat(15)}-0000-n`,
  '12-0000-n',
  'NaN',
);
const key = fc.constantFrom(
  'consoleId',
  'seq',
  'entity',
  'entityId',
  'op',
  'fields',
  'hlc',
  'schemaVersion',
  'extra',
);

const body = fc
  .record({
    epoch: fc.oneof(fc.constant(null), fc.uuid(), fc.constant(3)),
    changes: fc.array(change, { minLength: 0, maxLength: 6 }),
    breakAt: fc.option(fc.tuple(fc.nat(), key, badValue)),
  })
  .map(({ epoch, changes, breakAt }) => {
    if (breakAt && changes.length > 0) {
      const [i, k, v] = breakAt;
      const c = changes[i % changes.length] as Record<string, unknown>;
      if (v === undefined) delete c[k];
      else c[k] = v;
    }
    return { epoch, changes };
  });

describe('the hand-written push envelope check', () => {
  it('accepts nothing the zod schema refuses, and only this device’s changes', () => {
    fc.assert(
      fc.property(body, (b) => {
        if (!isWellFormedPush(b, device)) return;
        expect(PushRequestSchema.safeParse(b).success).toBe(true);
        expect(b.changes.every((c) => c.consoleId === device)).toBe(true);
      }),
      { numRuns: 2000 },
    );
  });

  it('takes the fast path for well-formed batches', () => {
    fc.assert(
      fc.property(
        fc.array(change, { minLength: 1, maxLength: 20 }),
        fc.option(fc.uuid()),
        (changes, epoch) => {
          expect(isWellFormedPush({ epoch, changes }, device)).toBe(true);
        },
      ),
    );
  });

  it('gives the same verdict through either path', () => {
    fc.assert(
      fc.property(body, (b) => {
        const verdict = (f: () => unknown) => {
          try {
            f();
            return 'ok';
          } catch (e) {
            return e instanceof HttpFailure ? e.status : 'threw';
          }
        };
        const viaZod = PushRequestSchema.safeParse(b);
        const expected = !viaZod.success
          ? 400
          : viaZod.data.changes.some((c) => c.consoleId !== device)
            ? 403
            : null;
        const got = verdict(() => parsePush(b, device, 1e14));
        if (expected !== null) expect(got).toBe(expected);
        else expect([200, 'ok', 400]).toContain(got); // 400 left: per-change rules beyond the envelope
      }),
      { numRuns: 1000 },
    );
  });
});
