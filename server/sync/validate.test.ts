import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { PushRequestSchema, SYNC_ENTITIES, SYNC_OPS } from '../../contract/sync';
import { HttpFailure } from '../http/errors';
import {
  INCIDENT_SOURCES,
  INCIDENT_STATUSES,
  IncidentSchema,
  PRIORITIES,
} from '../../contract/domain/incident';
import { isWellFormedIncidentFields, isWellFormedPush, parsePush } from './validate';

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

/** Incident fields: each key absent, valid, or broken in one of the ways zod (or JSON) could see it. */
const junk = fc.constantFrom<unknown>(
  undefined,
  null,
  0,
  -0,
  -1,
  1.5,
  2 ** 53,
  Number.NaN,
  Number.POSITIVE_INFINITY,
  '',
  'x',
  'Reported',
  'P5',
  'a',
  'Fire',
  'a'.repeat(41),
  '0192f3a4-1111-4222-8333-44445555666',
  '0192F3A4-1111-4222-8333-444455556666',
  '00000000-0000-0000-0000-000000000000',
  true,
  [],
  {},
  { lon: 181, lat: 0 },
  { lon: 0, lat: -90.5 },
  { lon: '1', lat: 2 },
  [103.6, 36.5],
);
const valid: Record<keyof typeof IncidentSchema.shape, fc.Arbitrary<unknown>> = {
  id: fc.uuid(),
  category: fc.stringMatching(/^[a-z][a-z0-9_]{1,39}$/),
  priority: fc.constantFrom(...PRIORITIES),
  status: fc.constantFrom(...INCIDENT_STATUSES),
  source: fc.constantFrom(...INCIDENT_SOURCES),
  location: fc.record({
    lon: fc.double({ min: -180, max: 180, noNaN: true }),
    lat: fc.double({ min: -90, max: 90, noNaN: true }),
  }),
  address: fc.string(),
  description: fc.string(),
  reporter: fc.string(),
  gridCode: fc.option(fc.string()),
  isDrill: fc.boolean(),
  isDemo: fc.boolean(),
  createdAt: fc.nat(),
  updatedAt: fc.maxSafeNat(),
  createdBy: fc.string(),
  version: fc.integer({ min: 1 }),
};
/** Valid fields (any subset of the keys), with at most one key set to a value zod may refuse. */
const incidentFields = (broken: boolean) =>
  fc
    .record({
      fields: fc.record(valid, { requiredKeys: [] }) as fc.Arbitrary<Record<string, unknown>>,
      breakAt: broken
        ? fc.option(fc.tuple(fc.constantFrom(...Object.keys(valid)), fc.oneof(junk, fc.anything())))
        : fc.constant(null),
    })
    .map(({ fields, breakAt }) => (breakAt ? { ...fields, [breakAt[0]]: breakAt[1] } : fields));

describe('the hand-written incident fields check', () => {
  it('checks every field of the schema', () => {
    expect(Object.keys(valid).sort()).toEqual(Object.keys(IncidentSchema.shape).sort());
  });

  it('accepts nothing the zod schema refuses', () => {
    const schema = IncidentSchema.partial();
    fc.assert(
      fc.property(incidentFields(true), fc.dictionary(fc.string(), fc.jsonValue()), (f, extra) => {
        const fields = { ...extra, ...f };
        if (isWellFormedIncidentFields(fields)) expect(schema.safeParse(fields).success).toBe(true);
      }),
      { numRuns: 3000 },
    );
  });

  it('takes the fast path for well-formed fields', () => {
    fc.assert(
      fc.property(incidentFields(false), (f) => {
        expect(isWellFormedIncidentFields(f)).toBe(true);
      }),
    );
  });
});
