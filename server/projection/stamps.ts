/**
 * How `entity_state.field_hlcs` is stored: grouped by stamp, `[["<hlc>|<consoleId>", ["field", …]], …]`,
 * rather than one stamp per field. A group may list `"*"` instead of names: every field of the row's `fields`
 * that no other group names. The projector writes that for a row made by one change (`INSERT … SELECT FROM
 * changes`), where listing the keys in SQL cost PostgreSQL ten times more than the rest of the row. A change writes all its fields at one stamp, so an incident carried its
 * ~70-character stamp fifteen times; the grouped form is a quarter of the size, and that jsonb was most of what
 * PostgreSQL spent projecting (measured: README "Performance"). Pairs rather than an object keyed by stamp:
 * every stamp is a new string, and building objects with ever-new keys cost V8 more than the grouping saved.
 * The merge code keeps working on the per-field map.
 */

export type StoredStamps = [stamp: string, fields: string[] | '*'][];

/** Per-field stamps → stored form. Groups and the fields in them follow the map's order, so it is stable. */
export function encodeStamps(fieldHlcs: Record<string, string>): [string, string[]][] {
  const groups: [string, string[]][] = [];
  let last: string | undefined;
  let fields: string[] = [];
  for (const field in fieldHlcs) {
    const stamp = fieldHlcs[field]!;
    if (stamp !== last) {
      // Most rows have one or two stamps; a linear search beats a Map here.
      const group = groups.find((g) => g[0] === stamp);
      if (group) fields = group[1];
      else groups.push([stamp, (fields = [])]);
      last = stamp;
    }
    fields.push(field);
  }
  return groups;
}

/**
 * Stored form (and the row's fields, for a `"*"` group) → per-field stamps. An object is the per-field form of
 * rows written before migration 0004 (which converts them); reading it as such keeps a row written by an older
 * instance from being misread.
 */
export function decodeStamps(stored: unknown, fields: Record<string, unknown>): Record<string, string> {
  const fieldHlcs: Record<string, string> = {};
  if (Array.isArray(stored)) {
    let rest: string | undefined;
    for (const group of stored as unknown[]) {
      if (!Array.isArray(group) || typeof group[0] !== 'string') continue;
      if (group[1] === '*') rest = group[0];
      else if (Array.isArray(group[1]))
        for (const field of group[1] as unknown[]) fieldHlcs[String(field)] = group[0];
    }
    if (rest !== undefined) for (const field in fields) fieldHlcs[field] ??= rest;
  } else if (stored !== null && typeof stored === 'object') {
    for (const [field, stamp] of Object.entries(stored))
      if (typeof stamp === 'string') fieldHlcs[field] = stamp;
  }
  return fieldHlcs;
}
