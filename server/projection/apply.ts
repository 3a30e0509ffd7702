/**
 * Fold newly stored changes into `entity_state` (the server's merged view) inside the push transaction. Held
 * changes (newer schema) are skipped: a newer server re-projects them after upgrading.
 */
import type { Queryable } from '../db/pool';
import type { StoredChange } from '../sync/store';
import { emptyState, mergeChange, type EntityState, type MergeFlag } from './merge';

const key = (entity: string, id: string): string => `${entity}\u0000${id}`;

export async function applyToProjection(q: Queryable, changes: readonly StoredChange[]): Promise<number> {
  const live = changes.filter((c) => !c.held);
  if (live.length === 0) return 0;
  const ids = [...new Map(live.map((c) => [key(c.entity, c.entityId), c])).values()];
  const { rows } = await q.query<{
    entity: string;
    entity_id: string;
    fields: Record<string, unknown>;
    field_hlcs: Record<string, string>;
    deleted_hlc: string | null;
  }>(
    `SELECT s.entity, s.entity_id, s.fields, s.field_hlcs, s.deleted_hlc
       FROM entity_state s JOIN unnest($1::text[], $2::text[]) AS k(entity, entity_id) USING (entity, entity_id)`,
    [ids.map((c) => c.entity), ids.map((c) => c.entityId)],
  );
  const states = new Map<string, { state: EntityState; lastSeq: number }>();
  for (const r of rows) {
    states.set(key(r.entity, r.entity_id), {
      state: { fields: r.fields, fieldHlcs: r.field_hlcs, deletedHlc: r.deleted_hlc },
      lastSeq: 0,
    });
  }
  const flags: { change: StoredChange; flag: MergeFlag }[] = [];
  for (const c of live) {
    const k = key(c.entity, c.entityId);
    const before = states.get(k)?.state ?? emptyState();
    const merged = mergeChange(c.entity, before, c);
    states.set(k, { state: merged.state, lastSeq: c.serverSeq });
    flags.push(...merged.flags.map((flag) => ({ change: c, flag })));
  }
  const upserts = [...states.entries()]
    .filter(([, v]) => v.lastSeq > 0)
    .map(([k, v]) => {
      const [entity, entity_id] = k.split('\u0000') as [string, string];
      return {
        entity,
        entity_id,
        fields: v.state.fields,
        field_hlcs: v.state.fieldHlcs,
        deleted_hlc: v.state.deletedHlc,
        last_server_seq: v.lastSeq,
      };
    });
  await q.query(
    `INSERT INTO entity_state (entity, entity_id, fields, field_hlcs, deleted_hlc, last_server_seq)
     SELECT entity, entity_id, fields, field_hlcs, deleted_hlc, last_server_seq
       FROM jsonb_to_recordset($1::jsonb) AS x(entity text, entity_id text, fields jsonb, field_hlcs jsonb, deleted_hlc text, last_server_seq bigint)
     ON CONFLICT (entity, entity_id) DO UPDATE SET fields = EXCLUDED.fields, field_hlcs = EXCLUDED.field_hlcs,
       deleted_hlc = EXCLUDED.deleted_hlc, last_server_seq = EXCLUDED.last_server_seq`,
    [JSON.stringify(upserts)],
  );
  if (flags.length > 0) {
    await q.query(
      `INSERT INTO sync_conflicts (entity, entity_id, server_seq, kind, detail)
       SELECT entity, entity_id, server_seq, kind, detail
         FROM jsonb_to_recordset($1::jsonb) AS x(entity text, entity_id text, server_seq bigint, kind text, detail jsonb)`,
      [
        JSON.stringify(
          flags.map(({ change, flag }) => ({
            entity: change.entity,
            entity_id: change.entityId,
            server_seq: change.serverSeq,
            kind: flag.kind,
            detail: flag.detail,
          })),
        ),
      ],
    );
  }
  return live.length;
}
