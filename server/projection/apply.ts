/**
 * Fold stored changes into `entity_state` (the server's merged view), in the projector's transaction. Held
 * changes (newer schema) are skipped: a newer server re-projects them after upgrading.
 */
import type { Queryable } from '../db/pool';
import { readFields, type ChangeHead, type StoredChange } from '../sync/store';
import { emptyState, mergeChange, type EntityState, type MergeFlag } from './merge';
import { decodeStamps, encodeStamps } from './stamps';

const key = (entity: string, id: string): string => `${entity}\u0000${id}`;

export async function applyToProjection(q: Queryable, changes: readonly ChangeHead[]): Promise<number> {
  const live = changes.filter((c) => !c.held);
  if (live.length === 0) return 0;
  const ids = [...new Map(live.map((c) => [key(c.entity, c.entityId), c])).values()];
  const { rows } = await q.query<{
    entity: string;
    entity_id: string;
    fields: Record<string, unknown>;
    field_hlcs: unknown;
    deleted_hlc: string | null;
  }>(
    `SELECT s.entity, s.entity_id, s.fields, s.field_hlcs, s.deleted_hlc
       FROM entity_state s JOIN unnest($1::text[], $2::text[]) AS k(entity, entity_id) USING (entity, entity_id)`,
    [ids.map((c) => c.entity), ids.map((c) => c.entityId)],
  );
  const states = new Map<string, { state: EntityState; lastSeq: number }>();
  for (const r of rows) {
    states.set(key(r.entity, r.entity_id), {
      state: { fields: r.fields, fieldHlcs: decodeStamps(r.field_hlcs, r.fields), deletedHlc: r.deleted_hlc },
      lastSeq: 0,
    });
  }
  // An entity the page creates with one change (most of a catch-up: new incidents, timeline entries) ends up as
  // exactly that change's fields at its stamp. PostgreSQL builds those rows from the stored change itself, so
  // their fields are neither serialised here nor parsed again there; everything else is merged here.
  const touches = new Map<string, number>();
  for (const c of live) {
    const k = key(c.entity, c.entityId);
    touches.set(k, (touches.get(k) ?? 0) + 1);
  }
  const fromChange: number[] = [];
  const toMerge: ChangeHead[] = [];
  for (const c of live) {
    const k = key(c.entity, c.entityId);
    if (!states.has(k) && touches.get(k) === 1 && c.op !== 'delete') fromChange.push(c.serverSeq);
    else toMerge.push(c);
  }
  const fields = await readFields(
    q,
    toMerge.map((c) => c.serverSeq),
  );
  const flags: { change: ChangeHead; flag: MergeFlag }[] = [];
  for (const head of toMerge) {
    const stored = fields.get(head.serverSeq);
    if (!stored) throw new Error(`change ${head.serverSeq} vanished while being projected`);
    const c: StoredChange = { ...head, fields: stored };
    const k = key(c.entity, c.entityId);
    const before = states.get(k)?.state ?? emptyState();
    const merged = mergeChange(c.entity, before, c);
    states.set(k, { state: merged.state, lastSeq: c.serverSeq });
    flags.push(...merged.flags.map((flag) => ({ change: head, flag })));
  }
  const upserts = [...states.entries()]
    .filter(([, v]) => v.lastSeq > 0)
    .map(([k, v]) => {
      const [entity, entity_id] = k.split('\u0000') as [string, string];
      return {
        entity,
        entity_id,
        fields: v.state.fields,
        field_hlcs: encodeStamps(v.state.fieldHlcs),
        deleted_hlc: v.state.deletedHlc,
        last_server_seq: v.lastSeq,
      };
    });
  if (fromChange.length > 0) {
    // mergeChange onto an empty state, in SQL: every field at the change's stamp ("*", stamps.ts).
    await q.query({
      name: 'fengsui_project_from_changes',
      text: `INSERT INTO entity_state (entity, entity_id, fields, field_hlcs, deleted_hlc, last_server_seq)
       SELECT c.entity, c.entity_id, c.fields,
              jsonb_build_array(jsonb_build_array(c.hlc || '|' || c.console_id::text, '*')),
              NULL, c.server_seq
         FROM changes c WHERE c.server_seq = ANY($1::bigint[])
       ON CONFLICT (entity, entity_id) DO UPDATE SET fields = EXCLUDED.fields, field_hlcs = EXCLUDED.field_hlcs,
         deleted_hlc = EXCLUDED.deleted_hlc, last_server_seq = EXCLUDED.last_server_seq`,
      values: [fromChange],
    });
  }
  if (upserts.length > 0) {
    await q.query(
      `INSERT INTO entity_state (entity, entity_id, fields, field_hlcs, deleted_hlc, last_server_seq)
       SELECT entity, entity_id, fields, field_hlcs, deleted_hlc, last_server_seq
         FROM jsonb_to_recordset($1::jsonb) AS x(entity text, entity_id text, fields jsonb, field_hlcs jsonb, deleted_hlc text, last_server_seq bigint)
       ON CONFLICT (entity, entity_id) DO UPDATE SET fields = EXCLUDED.fields, field_hlcs = EXCLUDED.field_hlcs,
         deleted_hlc = EXCLUDED.deleted_hlc, last_server_seq = EXCLUDED.last_server_seq`,
      [JSON.stringify(upserts)],
    );
  }
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
