import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { IntakeResponseSchema, PullResponseSchema } from '../contract/sync';
import { IncidentSchema } from '../contract/domain/incident';
import { startPostgres, type PgCluster } from '../test/peers/postgres';
import { call, device, startServer, type Running, type TestDevice } from './testing/fixtures';

let pg: PgCluster;
let s: Running;
let hotline: TestDevice;
let consoleDev: TestDevice;

beforeAll(async () => {
  pg = await startPostgres();
  s = await startServer(pg.url);
  hotline = await device(pg.url, 'intake', '12345 hotline');
  consoleDev = await device(pg.url);
});
afterAll(async () => {
  await s?.server.close();
  await pg?.stop();
});

const report = {
  externalId: 'HL-2024-0001',
  category: 'fire_safety',
  priority: 'P1',
  source: 'hotline',
  location: { lon: 120.15, lat: 30.28 },
  address: 'No. 8 West Lake Road',
  description: 'Smoke from a shop kitchen',
  reporter: 'caller 138****0000',
};

describe('POST /v1/intake', () => {
  it('turns a report into an ordinary incident insert in the stream, once', async () => {
    const r = await call(s.url, '/v1/intake', { body: report, credential: hotline.credential });
    expect(r.status).toBe(201);
    const created = IntakeResponseSchema.parse(r.body);
    expect(created.duplicate).toBe(false);

    const again = await call(s.url, '/v1/intake', { body: report, credential: hotline.credential });
    expect(again.status).toBe(200);
    expect(again.body).toEqual({ ...created, duplicate: true });

    const page = PullResponseSchema.parse(
      (await call(s.url, '/v1/pull?cursor=0', { credential: consoleDev.credential })).body,
    );
    expect(page.changes).toHaveLength(1);
    const c = page.changes[0]!;
    expect(c).toMatchObject({
      entity: 'incident',
      op: 'insert',
      entityId: created.incidentId,
      consoleId: hotline.id,
      seq: 1,
    });
    const incident = IncidentSchema.parse(c.fields);
    expect(incident).toMatchObject({
      status: 'reported',
      source: 'hotline',
      isDrill: false,
      isDemo: false,
      createdBy: 'intake:12345 hotline',
    });
  });

  it('gives each new report the next seq and a later HLC', async () => {
    const r = await call<{ serverSeq: number }>(s.url, '/v1/intake', {
      body: { ...report, externalId: 'HL-2024-0002' },
      credential: hotline.credential,
    });
    expect(r.status).toBe(201);
    const page = PullResponseSchema.parse(
      (await call(s.url, '/v1/pull?cursor=0', { credential: consoleDev.credential })).body,
    );
    expect(page.changes.map((c) => c.seq)).toEqual([1, 2]);
    expect(page.changes[1]!.hlc > page.changes[0]!.hlc).toBe(true);
  });

  it('refuses an invalid report with the field named', async () => {
    const r = await call(s.url, '/v1/intake', {
      body: { ...report, externalId: 'HL-3', priority: 'urgent', description: '' },
      credential: hotline.credential,
    });
    expect(r.status).toBe(400);
    expect(JSON.stringify(r.body)).toContain('priority');
    expect(await pg.psql(pg.url, 'SELECT count(*) FROM changes')).toBe('2');
  });
});
