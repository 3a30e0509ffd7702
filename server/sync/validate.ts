/**
 * Checks on a push batch beyond the wire schema. One bad change refuses the whole batch (nothing applied), and
 * every problem is reported with the path of the change, so the console can quarantine exactly that change.
 */
import { z } from 'zod';
import type { ErrorIssue } from '../../contract/errors';
import { zodIssues } from '../../contract/errors';
import { HLC_PATTERN, MAX_DRIFT_MS } from '../../contract/hlc';
import {
  CategoryCodeSchema,
  IdSchema,
  INCIDENT_SOURCES,
  INCIDENT_STATUSES,
  IncidentSchema,
  PRIORITIES,
} from '../../contract/domain/incident';
import {
  APPEND_ONLY_ENTITIES,
  MAX_PUSH_BATCH,
  PushRequestSchema,
  SYNC_ENTITIES,
  SYNC_OPS,
  SYNC_SCHEMA_VERSION,
  type Change,
  type PushRequest,
} from '../../contract/sync';
import { HttpFailure, badRequest } from '../http/errors';

/** Incident fields a change may carry; unknown extra fields are allowed (forward compatible within v1). */
const IncidentFieldsSchema = IncidentSchema.partial();

export const isHeld = (c: Change): boolean => c.schemaVersion > SYNC_SCHEMA_VERSION;

export function parsePush(body: unknown, deviceId: string, now = Date.now()): PushRequest {
  const req = isWellFormedPush(body, deviceId) ? body : parseWithZod(body);
  const foreign = req.changes.findIndex((c) => c.consoleId !== deviceId);
  if (foreign >= 0) {
    throw new HttpFailure(403, 'forbidden', {
      detail: `change ${foreign} belongs to console ${req.changes[foreign]!.consoleId}, but this device is ${deviceId}; a device may only push its own changes`,
    });
  }
  const issues = req.changes.flatMap((c, i) =>
    changeIssues(c, now).map((m) => ({ path: `changes.${i}.${m.path}`, message: m.message })),
  );
  if (issues.length > 0) {
    throw badRequest(
      'push',
      `${issues.length} change(s) refused, first ${issues[0]!.path}: ${issues[0]!.message}; nothing was applied`,
      issues.slice(0, 20),
    );
  }
  return req;
}

function parseWithZod(body: unknown): PushRequest {
  const parsed = PushRequestSchema.safeParse(body);
  if (!parsed.success) {
    const issues = zodIssues(parsed.error);
    throw badRequest('push', `the batch is malformed (${issues[0]?.path}: ${issues[0]?.message})`, issues);
  }
  return parsed.data;
}

const ENTITIES = new Set<unknown>(SYNC_ENTITIES);
const OPS = new Set<unknown>(SYNC_OPS);
const DeviceIdSchema = z.uuid();

const isObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

/**
 * The push envelope, checked by hand: true only for a body `PushRequestSchema` accepts as it is (and whose
 * changes are all this device's), so it can be used without zod's copy. Anything else goes through zod, which
 * has the last word and names what is wrong. Checking a 1,000-change batch with zod took 6–12 ms, more than
 * storing it (README "Performance"); this takes well under one. `sync/validate.test.ts` holds the two to the
 * same verdicts.
 */
export function isWellFormedPush(body: unknown, deviceId: string): body is PushRequest {
  if (!isObject(body)) return false;
  const { epoch, changes } = body;
  if (epoch !== null && typeof epoch !== 'string') return false;
  if (!Array.isArray(changes) || changes.length < 1 || changes.length > MAX_PUSH_BATCH) return false;
  if (!DeviceIdSchema.safeParse(deviceId).success) return false;
  for (const c of changes as unknown[]) {
    if (!isObject(c) || c.consoleId !== deviceId) return false;
    const { seq, entityId, hlc, schemaVersion } = c;
    if (!Number.isSafeInteger(seq) || (seq as number) < 1) return false;
    if (!ENTITIES.has(c.entity) || !OPS.has(c.op) || !isObject(c.fields)) return false;
    if (typeof entityId !== 'string' || entityId.length < 1 || entityId.length > 128) return false;
    if (typeof hlc !== 'string' || hlc.length > 200 || !HLC_PATTERN.test(hlc)) return false;
    if (!Number.isSafeInteger(schemaVersion) || (schemaVersion as number) < 1) return false;
  }
  return true;
}

const STATUSES = new Set<unknown>(INCIDENT_STATUSES);
const PRIORITY_SET = new Set<unknown>(PRIORITIES);
const SOURCES = new Set<unknown>(INCIDENT_SOURCES);
const isString = (v: unknown): boolean => v === undefined || typeof v === 'string';
const isBoolean = (v: unknown): boolean => v === undefined || typeof v === 'boolean';
const isEpochMs = (v: unknown): boolean => v === undefined || (Number.isSafeInteger(v) && (v as number) >= 0);
const inRange = (v: unknown, limit: number): boolean =>
  typeof v === 'number' && Number.isFinite(v) && v >= -limit && v <= limit;

/**
 * Incident fields checked by hand: true only for fields `IncidentFieldsSchema` accepts; anything else (and
 * anything this is unsure of) goes through zod, which names the problem. zod took ~3 ms per 1,000 changes,
 * the server's largest remaining item (README "Performance"). Reads each key as zod does (`fields[key]`,
 * undefined meaning absent, unknown keys allowed); the id and category patterns are zod's own.
 * `sync/validate.test.ts` checks that this never accepts what zod refuses.
 */
export function isWellFormedIncidentFields(f: Record<string, unknown>): boolean {
  const { location } = f;
  return (
    (f.id === undefined || IdSchema.safeParse(f.id).success) &&
    (f.category === undefined || CategoryCodeSchema.safeParse(f.category).success) &&
    (f.priority === undefined || PRIORITY_SET.has(f.priority)) &&
    (f.status === undefined || STATUSES.has(f.status)) &&
    (f.source === undefined || SOURCES.has(f.source)) &&
    (location === undefined ||
      (isObject(location) && inRange(location.lon, 180) && inRange(location.lat, 90))) &&
    isString(f.address) &&
    isString(f.description) &&
    isString(f.reporter) &&
    (f.gridCode === null || isString(f.gridCode)) &&
    isBoolean(f.isDrill) &&
    isBoolean(f.isDemo) &&
    isEpochMs(f.createdAt) &&
    isEpochMs(f.updatedAt) &&
    isString(f.createdBy) &&
    (f.version === undefined || (Number.isSafeInteger(f.version) && (f.version as number) > 0))
  );
}

function changeIssues(c: Change, now: number): ErrorIssue[] {
  const issues: ErrorIssue[] = [];
  // The envelope check guaranteed HLC_PATTERN: the wall clock is the first 15 digits (contract/hlc.ts).
  const wall = Number(c.hlc.slice(0, 15));
  if (wall - now > MAX_DRIFT_MS) {
    // A far-future HLC would win every last-writer-wins merge forever; the console clock is wrong.
    issues.push({
      path: 'hlc',
      message: `the clock is ${Math.round((wall - now) / 3_600_000)} h ahead of the server; fix the console clock`,
    });
  }
  if (APPEND_ONLY_ENTITIES.includes(c.entity) && c.op !== 'append' && c.op !== 'insert') {
    issues.push({ path: 'op', message: `${c.entity} entries are append-only; "${c.op}" is not allowed` });
  }
  if (c.fields.isDemo === true) {
    issues.push({ path: 'fields.isDemo', message: 'demo data stays on the console and is never synced' });
  }
  // Held changes come from a newer schema: their fields may legitimately look different, so only the envelope
  // is checked; they are stored as they are.
  if (isHeld(c) || c.entity !== 'incident') return issues;
  if (c.op === 'update' && 'isDrill' in c.fields) {
    issues.push({
      path: 'fields.isDrill',
      message: 'isDrill is fixed when the incident is created; a drill never becomes real',
    });
  }
  if (!isWellFormedIncidentFields(c.fields)) {
    const fields = IncidentFieldsSchema.safeParse(c.fields);
    if (!fields.success)
      issues.push(...zodIssues(fields.error).map((i) => ({ path: `fields.${i.path}`, message: i.message })));
  }
  if (typeof c.fields.id === 'string' && c.fields.id !== c.entityId) {
    issues.push({ path: 'fields.id', message: 'fields.id must equal entityId' });
  }
  return issues;
}

export const PullQuerySchema = z.object({
  cursor: z.coerce.number().int().nonnegative(),
  limit: z.coerce.number().int().min(1).max(1000).default(500),
  epoch: z.string().min(1).max(100).nullable().optional(),
});
