/**
 * Checks on a push batch beyond the wire schema. One bad change refuses the whole batch (nothing applied), and
 * every problem is reported with the path of the change, so the console can quarantine exactly that change.
 */
import { z } from 'zod';
import type { ErrorIssue } from '../../contract/errors';
import { zodIssues } from '../../contract/errors';
import { decodeHlc, MAX_DRIFT_MS } from '../../contract/hlc';
import { IncidentSchema } from '../../contract/domain/incident';
import {
  APPEND_ONLY_ENTITIES,
  PushRequestSchema,
  SYNC_SCHEMA_VERSION,
  type Change,
  type PushRequest,
} from '../../contract/sync';
import { HttpFailure, badRequest } from '../http/errors';

/** Incident fields a change may carry; unknown extra fields are allowed (forward compatible within v1). */
const IncidentFieldsSchema = IncidentSchema.partial();

export const isHeld = (c: Change): boolean => c.schemaVersion > SYNC_SCHEMA_VERSION;

export function parsePush(body: unknown, deviceId: string, now = Date.now()): PushRequest {
  const parsed = PushRequestSchema.safeParse(body);
  if (!parsed.success) {
    const issues = zodIssues(parsed.error);
    throw badRequest('push', `the batch is malformed (${issues[0]?.path}: ${issues[0]?.message})`, issues);
  }
  const req = parsed.data;
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

function changeIssues(c: Change, now: number): ErrorIssue[] {
  const issues: ErrorIssue[] = [];
  const wall = decodeHlc(c.hlc).wall;
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
  const fields = IncidentFieldsSchema.safeParse(c.fields);
  if (!fields.success)
    issues.push(...zodIssues(fields.error).map((i) => ({ path: `fields.${i.path}`, message: i.message })));
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
