/**
 * The merge rules, as the server applies them to its own projection (`entity_state`). Consoles apply the same
 * rules to their local SQLite, so every replica converges whatever order changes arrive in:
 *   - insert/update: per field, the write with the greater (hlc, consoleId) wins (last-writer-wins; the HLC
 *     already ends in its node id, the console id breaks the tie if two writes share an HLC string);
 *   - delete: a tombstone at an HLC; fields written later than the tombstone bring the entity back;
 *   - append (timeline, audit): written once, never changed; of duplicate copies the lowest stamp wins.
 * Pure functions: no I/O, so they are property-tested for order independence.
 */
import { isLegalTransition, IncidentStatusSchema } from '../../contract/domain/incident';

export interface EntityState {
  fields: Record<string, unknown>;
  fieldHlcs: Record<string, string>;
  deletedHlc: string | null;
}

export interface MergeInput {
  op: string;
  hlc: string;
  consoleId: string;
  fields: Record<string, unknown>;
}

export interface MergeFlag {
  kind: 'illegal_status_transition';
  detail: Record<string, unknown>;
}

export const emptyState = (): EntityState => ({ fields: {}, fieldHlcs: {}, deletedHlc: null });

/** Version stamp of one write: HLC then console id. Stored per field so later merges can compare. */
export const stamp = (c: Pick<MergeInput, 'hlc' | 'consoleId'>): string => `${c.hlc}|${c.consoleId}`;

export function isDeleted(s: EntityState): boolean {
  if (s.deletedHlc === null) return false;
  return Object.values(s.fieldHlcs).every((h) => h < s.deletedHlc!);
}

/** Returns the new state (input untouched) and anything a person should review. */
export function mergeChange(
  entity: string,
  state: EntityState,
  change: MergeInput,
): { state: EntityState; flags: MergeFlag[] } {
  const next: EntityState = {
    fields: { ...state.fields },
    fieldHlcs: { ...state.fieldHlcs },
    deletedHlc: state.deletedHlc,
  };
  const flags: MergeFlag[] = [];
  const s = stamp(change);
  if (change.op === 'delete') {
    if (next.deletedHlc === null || s > next.deletedHlc) next.deletedHlc = s;
    return { state: next, flags };
  }
  if (change.op === 'append') {
    // An appended row is immutable; copies with the same id are duplicates. Keeping the copy with the lowest
    // stamp (rather than whichever arrived first) makes every replica keep the same one.
    const held = Object.values(next.fieldHlcs)[0];
    if (held === undefined || s < held) {
      next.fields = {};
      next.fieldHlcs = {};
      for (const [k, v] of Object.entries(change.fields)) {
        next.fields[k] = v;
        next.fieldHlcs[k] = s;
      }
    }
    return { state: next, flags };
  }
  for (const [k, v] of Object.entries(change.fields)) {
    const prev = next.fieldHlcs[k];
    if (prev !== undefined && prev >= s) continue;
    if (entity === 'incident' && k === 'status') flags.push(...statusFlags(next.fields.status, v, change));
    next.fields[k] = v;
    next.fieldHlcs[k] = s;
  }
  return { state: next, flags };
}

/**
 * Status conflicts: two consoles may move the same incident concurrently (one to `dispatched`, one to
 * `cancelled`). LWW picks the later one; if that move is not legal from the status it replaces, we keep the
 * LWW result (every replica must agree) and flag it for a supervisor.
 */
function statusFlags(from: unknown, to: unknown, change: MergeInput): MergeFlag[] {
  const f = IncidentStatusSchema.safeParse(from);
  const t = IncidentStatusSchema.safeParse(to);
  if (!f.success || !t.success || f.data === t.data || isLegalTransition(f.data, t.data)) return [];
  return [
    {
      kind: 'illegal_status_transition',
      detail: { from: f.data, to: t.data, hlc: change.hlc, consoleId: change.consoleId },
    },
  ];
}
