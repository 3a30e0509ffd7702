import type { FastifyInstance, FastifyRequest } from 'fastify';
import { PullRequestWithEpochSchema, type PullResponse } from '../../contract/sync';
import { zodIssues } from '../../contract/errors';
import { deviceOf } from '../auth/hook';
import type { ServerContext } from '../context';
import { badRequest } from '../http/errors';
import { pullPage } from '../sync/store';
import { PullQuerySchema } from '../sync/validate';
import { epochChanged } from './push';

/**
 * GET /v1/pull?cursor=&limit=&epoch= (or POST with the same fields as JSON) — changes after `cursor` written by
 * other devices, oldest first. Keep pulling with the returned cursor while `more` is true.
 */
export function registerPull(app: FastifyInstance, ctx: ServerContext): void {
  const handler = async (request: FastifyRequest, input: unknown): Promise<PullResponse> => {
    const device = deviceOf(request);
    const schema = request.method === 'GET' ? PullQuerySchema : PullRequestWithEpochSchema;
    const parsed = schema.safeParse(input ?? {});
    if (!parsed.success) {
      const issues = zodIssues(parsed.error);
      throw badRequest('pull', `${issues[0]?.path}: ${issues[0]?.message}`, issues);
    }
    const { cursor, limit, epoch: theirs } = parsed.data;
    const { epoch } = await ctx.epochs.current(ctx.pool);
    if (theirs && theirs !== epoch) throw await epochChanged(ctx, device.id, theirs, epoch);
    const page = await pullPage(ctx.pool, device.id, cursor, limit);
    if (cursor > page.maxSeq) {
      // Sequence numbers never go backwards on one epoch. If they did, the database was restored in a way the
      // storage fingerprint cannot see (e.g. a file-system snapshot): the operator must run restore-epoch.
      request.log.error(
        { cursor, maxServerSeq: page.maxSeq, epoch },
        'a console is ahead of this database on the same epoch; if the database was restored, run "server restore-epoch"',
      );
    }
    return { epoch, changes: page.changes, cursor: page.cursor, more: page.more };
  };
  const opts = { onRequest: ctx.auth(['console']) };
  app.get('/v1/pull', opts, (request) => handler(request, request.query));
  app.post('/v1/pull', opts, (request) => handler(request, request.body));
}
