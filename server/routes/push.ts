import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { PushResponse } from '../../contract/sync';
import { deviceOf } from '../auth/hook';
import type { ServerContext } from '../context';
import { HttpFailure, badRequest } from '../http/errors';
import { highestSeq, pushChanges, type PushOutcome } from '../sync/store';
import { isHeld, parsePush } from '../sync/validate';

/**
 * POST /v1/push — a console's batch, all or nothing. Resent changes (same consoleId+seq) are skipped, so a
 * console that lost our answer simply sends again. The transaction only stores the changes; the projector
 * applies them to the server's merged view after commit.
 */
export function registerPush(app: FastifyInstance, ctx: ServerContext): void {
  // Its own scope, so that only this route keeps the body text (for pushChanges).
  void app.register(async (scoped) => registerPushRoute(scoped, ctx));
}

/** The body text of each push, beside the parsed body (Fastify's own JSON parser, same errors and limits). */
const bodyText = new WeakMap<FastifyRequest, string>();

function registerPushRoute(app: FastifyInstance, ctx: ServerContext): void {
  const parseJson = app.getDefaultJsonParser('error', 'error');
  app.removeContentTypeParser('application/json');
  app.addContentTypeParser('application/json', { parseAs: 'string' }, (request, body, done) => {
    parseJson(request, body as string, (err, value) => {
      if (!err) bodyText.set(request, body as string);
      done(err, value);
    });
  });
  app.post('/v1/push', { onRequest: ctx.auth(['console']) }, async (request): Promise<PushResponse> => {
    const device = deviceOf(request);
    const req = parsePush(request.body, device.id);
    // A byte-order mark is no JSON to PostgreSQL; the JS parser skipped it.
    const text = bodyText.get(request)!.replace(/^\uFEFF/, '');
    const helds = req.changes.map(isHeld);
    const who = request.operator;
    const pushedBy = who && {
      operatorId: who.ok ? who.operator.id : null,
      username: who.ok ? who.operator.username : null,
      problem: who.ok ? null : who.problem,
    };
    let result: PushOutcome;
    for (let attempt = 1; ; attempt++) {
      result = await storing(
        pushChanges(ctx.pool, {
          body: text,
          helds,
          consoleId: device.id,
          expectedEpoch: req.epoch,
          validEpochSql: ctx.epochs.validEpochSql(),
          pushedBy,
        }),
      );
      if (result.outcome !== 'stale') break;
      // The storage changed under the epoch (a restore): issue the new one, then the console learns of it.
      if (attempt === 3) throw new Error('the sync epoch kept changing during a push; try again');
      await ctx.epochs.current(ctx.pool);
    }
    if (result.outcome === 'epoch_changed') {
      throw epochFailure(req.epoch!, result.epoch, result.highestSeq);
    }
    // The merged view (entity_state) is folded in after commit, outside the write lock (projection/projector.ts).
    if (result.added > 0) ctx.projector.kick();
    request.log.info(
      { received: req.changes.length, added: result.added, held: result.held, highestSeq: result.highestSeq },
      result.added === 0 ? 'push replayed, nothing new' : 'push applied',
    );
    return { epoch: result.epoch, highestSeq: result.highestSeq };
  });
}

/**
 * Text that JSON allows but PostgreSQL cannot store (a NUL character, a lone surrogate escape) fails the insert
 * and so the whole batch. That is the console's data, not a server fault: a 400 lets it find and park the change
 * (it halves the batch until the change is alone) where a 500 would have it retry the same batch forever.
 */
const UNSTORABLE_TEXT = new Set(['22P02', '22P05', '22021', '22025', '22032']);

async function storing<T>(work: Promise<T>): Promise<T> {
  try {
    return await work;
  } catch (e) {
    const code = (e as { code?: unknown }).code;
    if (typeof code !== 'string' || !UNSTORABLE_TEXT.has(code)) throw e;
    throw badRequest(
      'push',
      `the batch holds text the server cannot store (${(e as Error).message}); nothing was applied`,
    );
  }
}

/** 409 with what the console needs to recover without another round trip. */
export async function epochChanged(
  ctx: ServerContext,
  consoleId: string,
  theirs: string,
  ours: string,
): Promise<HttpFailure> {
  return epochFailure(theirs, ours, await highestSeq(ctx.pool, consoleId));
}

function epochFailure(theirs: string, ours: string, held: number): HttpFailure {
  return new HttpFailure(
    409,
    'conflict',
    { entity: 'sync epoch', actual: ours, expected: theirs },
    undefined,
    { reason: 'epoch_changed', epoch: ours, highestSeq: held },
  );
}
