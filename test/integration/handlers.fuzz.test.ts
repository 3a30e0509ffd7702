import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { methods, type MethodName } from '../../contract';
import { makeHost, sampleIncident, tableCounts } from '../helpers/host';
import { useTempDirs } from '../helpers/tmp';

const tmp = useTempDirs();

/** Values shaped a little like real params, so the fuzzer gets past the outer object check. */
const nearMiss = fc.oneof(
  fc.anything(),
  fc.record(
    { id: fc.oneof(fc.uuid(), fc.string(), fc.integer()), status: fc.string(), text: fc.anything() },
    { requiredKeys: [] },
  ),
  fc.record(
    {
      category: fc.oneof(fc.constant('fire_safety'), fc.string()),
      priority: fc.oneof(fc.constantFrom('P1', 'P5', ''), fc.anything()),
      source: fc.oneof(fc.constant('radio'), fc.anything()),
      location: fc.oneof(fc.record({ lon: fc.double(), lat: fc.double() }), fc.anything()),
      description: fc.oneof(fc.string(), fc.anything()),
    },
    { requiredKeys: [] },
  ),
  fc.record(
    {
      mode: fc.oneof(fc.string(), fc.anything()),
      limit: fc.anything(),
      offset: fc.anything(),
      statuses: fc.anything(),
    },
    { requiredKeys: [] },
  ),
);

const ACCEPTABLE_FAILURES = new Set(['bad_request', 'not_found', 'illegal_transition', 'conflict']);

describe('every registered handler survives garbage', () => {
  it.each(Object.keys(methods) as MethodName[])('%s', async (method) => {
    const host = makeHost(tmp());
    // Something to find, so id-taking handlers get past "not found" sometimes.
    const real = await host.router.handleFrame(
      { t: 'req', id: 0, method: 'incident.create', params: sampleIncident },
      { transport: 'ws' },
    );
    expect(real.ok).toBe(true);
    let id = 1;
    await fc.assert(
      fc.asyncProperty(nearMiss, async (params) => {
        const before = tableCounts(host);
        const res = await host.router.handleFrame(
          { t: 'req', id: id++, method, params },
          { transport: 'ws' },
        );
        if (!res.ok) {
          expect(
            ACCEPTABLE_FAILURES.has(res.error.code),
            `${method} ${JSON.stringify(params)?.slice(0, 200)} → ${res.error.code}: ${res.error.message}`,
          ).toBe(true);
          expect(res.error.message).toBeTruthy();
          expect(tableCounts(host)).toEqual(before);
        }
      }),
      { numRuns: 150 },
    );
    host.close();
  });
});
