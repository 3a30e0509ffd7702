import type { FastifyInstance } from 'fastify';
import type { PushResponse } from '../../contract/sync';
import { deviceOf } from '../auth/hook';
import { withTransaction } from '../db/pool';
import type { ServerContext } from '../context';
import { HttpFailure } from '../http/errors';
import { highestSeq, insertChanges, lockWrites, notifyChanges } from '../sync/store';
import { isHeld, parsePush } from '../sync/validate';

/**
 * POST /v1/push — a console's batch, all or nothing. Resent changes (same consoleId+seq) are skipped, so a
 * console that lost our answer simply sends again. The transaction only stores the changes; the projector
 * applies them to the server's merged view after commit.
 */
export function registerPush(app: FastifyInstance, ctx: ServerContext): void {
  app.post('/v1/push', { onRequest: ctx.auth(['console']) }, async (request): Promise<PushResponse> => {
    const device = deviceOf(request);
    const req = parsePush(request.body, device.id);
    const { epoch } = await ctx.epochs.current(ctx.pool);
    if (req.epoch !== null && req.epoch !== epoch) {
      throw await epochChanged(ctx, device.id, req.epoch, epoch);
    }
    const result = await withTransaction(ctx.pool, async (tx) => {
      await lockWrites(tx);
      const added = await insertChanges(tx, req.changes, isHeld);
      const last = added[added.length - 1];
      if (last) await notifyChanges(tx, last.serverSeq, device.id);
      return { added, highest: await highestSeq(tx, device.id) };
    });
    // The merged view (entity_state) is folded in after commit, outside the write lock (projection/projector.ts).
    if (result.added.length > 0) ctx.projector.kick();
    const held = result.added.filter((c) => c.held).length;
    request.log.info(
      { received: req.changes.length, added: result.added.length, held, highestSeq: result.highest },
      result.added.length === 0 ? 'push replayed, nothing new' : 'push applied',
    );
    return { epoch, highestSeq: result.highest };
  });
}

/** 409 with what the console needs to recover without another round trip. */
export async function epochChanged(
  ctx: ServerContext,
  consoleId: string,
  theirs: string,
  ours: string,
): Promise<HttpFailure> {
  const held = await highestSeq(ctx.pool, consoleId);
  return new HttpFailure(
    409,
    'conflict',
    { entity: 'sync epoch', actual: ours, expected: theirs },
    undefined,
    { reason: 'epoch_changed', epoch: ours, highestSeq: held },
  );
}
