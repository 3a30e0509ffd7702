import pg from 'pg';
import { startPostgres } from '../test/peers/postgres';
import { migrate } from '../server/db/migrate';
import { addDevice } from '../server/db/devices';
import { insertChanges } from '../server/sync/store';
import { applyToProjection } from '../server/projection/apply';
import { encodeHlc } from '../contract/hlc';
import { randomUUID } from 'node:crypto';

const pgc = await startPostgres();
const pool = new pg.Pool({ connectionString: pgc.url, max: 4 });
await migrate(pool);
const dev = await addDevice(pool, 'x', 'console');
let seq = 0;
let wall = Date.now();
function batch(n: number) {
  const out = [];
  for (let i = 0; i < n / 2; i++) {
    const id = randomUUID(), e = randomUUID();
    out.push({ consoleId: dev.id, seq: ++seq, entity: 'timeline', entityId: e, op: 'append', hlc: encodeHlc({ wall: ++wall, counter: 0, node: dev.id }), schemaVersion: 1,
      fields: { id: e, incidentId: id, at: wall, kind: 'created', actor: 'bench', consoleId: dev.id, data: { status: 'reported', gridCode: null, outsideGrid: true } } });
    out.push({ consoleId: dev.id, seq: ++seq, entity: 'incident', entityId: id, op: 'insert', hlc: encodeHlc({ wall: ++wall, counter: 0, node: dev.id }), schemaVersion: 1,
      fields: { category: 'emergency', priority: 'P2', status: 'reported', source: 'radio', location: { lon: 103.68, lat: 36.5 }, address: `benchmark road ${i}`, description: `benchmark incident ${i}`, reporter: '', gridCode: null, isDrill: false, isDemo: false, createdAt: wall, updatedAt: wall, createdBy: 'bench', version: 1 } });
  }
  return out;
}
const c = await pool.connect();
let ti = 0, tp = 0;
for (let k = 0; k < 25; k++) {
  const b = batch(1000);
  await c.query('BEGIN');
  let t = performance.now();
  const added = await insertChanges(c, b as never, () => false);
  ti += performance.now() - t; t = performance.now();
  await applyToProjection(c, added);
  tp += performance.now() - t;
  await c.query('COMMIT');
}
console.log(`insert ${(ti / 25).toFixed(1)} proj ${(tp / 25).toFixed(1)} ms/batch`);
// explain analyze variants
const b = batch(1000);
const payload = JSON.stringify(b.map((x) => ({ console_id: x.consoleId, seq: x.seq, entity: x.entity, entity_id: x.entityId, op: x.op, fields: x.fields, hlc: x.hlc, schema_version: 1, held: false })));
await c.query('BEGIN');
const r = await c.query(`EXPLAIN (ANALYZE, BUFFERS) INSERT INTO changes (console_id, seq, entity, entity_id, op, fields, hlc, schema_version, held)
     SELECT x.console_id, x.seq, x.entity, x.entity_id, x.op, x.fields, x.hlc, x.schema_version, x.held
       FROM ROWS FROM (jsonb_to_recordset($1::jsonb) AS (console_id uuid, seq bigint, entity text, entity_id text,
            op text, fields jsonb, hlc text, schema_version int, held boolean)) WITH ORDINALITY
            AS x(console_id, seq, entity, entity_id, op, fields, hlc, schema_version, held, n)
      ORDER BY x.n
     ON CONFLICT (console_id, seq) DO NOTHING
     RETURNING server_seq`, [payload]);
console.log(r.rows.map((x) => x['QUERY PLAN']).join('\n'));
await c.query('ROLLBACK');
c.release();
await pool.end();
await pgc.stop();
