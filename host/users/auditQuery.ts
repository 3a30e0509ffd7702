import type { Db } from '../../db/open';
import type { AuditQuery, AuditRecordView } from '../../contract';

/** LIKE treats % and _ as wildcards; a person searching for "50%" means the characters. */
const likeEscape = (s: string) => s.replace(/[\\%_]/g, (c) => `\\${c}`);

/**
 * The audit-log viewer's query: newest first, paged. `action` matches a prefix (`user.` finds every account
 * change), `actor` and `entity` match exactly (case-insensitive), `text` searches actor, action, entity id and
 * the data.
 */
export function queryAudit(db: Db, q: AuditQuery): { items: AuditRecordView[]; total: number } {
  const where: string[] = [];
  const args: (string | number)[] = [];
  if (q.actor) {
    where.push('actor = ? COLLATE NOCASE');
    args.push(q.actor);
  }
  if (q.action) {
    where.push("action LIKE ? ESCAPE '\\'");
    args.push(`${likeEscape(q.action)}%`);
  }
  if (q.entity) {
    where.push('entity = ? COLLATE NOCASE');
    args.push(q.entity);
  }
  if (q.from !== undefined) {
    where.push('at >= ?');
    args.push(q.from);
  }
  if (q.to !== undefined) {
    where.push('at <= ?');
    args.push(q.to);
  }
  if (q.text) {
    const t = `%${likeEscape(q.text)}%`;
    where.push(
      "(actor LIKE ? ESCAPE '\\' OR action LIKE ? ESCAPE '\\' OR entity_id LIKE ? ESCAPE '\\' OR data LIKE ? ESCAPE '\\')",
    );
    args.push(t, t, t, t);
  }
  const clause = where.length ? `WHERE ${where.join(' AND ')}` : '';
  const items = db
    .prepare(
      `SELECT seq, at, actor, console_id AS consoleId, action, entity, entity_id AS entityId, data
       FROM audit_log ${clause} ORDER BY seq DESC LIMIT ? OFFSET ?`,
    )
    .all(...args, q.limit, q.offset) as AuditRecordView[];
  const { n } = db.prepare(`SELECT count(*) AS n FROM audit_log ${clause}`).get(...args) as { n: number };
  return { items, total: n };
}
