import { randomUUID } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import { HybridClock } from '../../contract/hlc';
import { zodIssues } from '../../contract/errors';
import {
  IntakeRequestSchema,
  SYNC_SCHEMA_VERSION,
  type Change,
  type IntakeResponse,
} from '../../contract/sync';
import { deviceOf } from '../auth/hook';
import type { ServerContext } from '../context';
import { toNumber, withTransaction } from '../db/pool';
import { badRequest } from '../http/errors';
import { highestSeq, insertChanges, lockWrites, notifyChanges } from '../sync/store';

/**
 * POST /v1/intake — an incident from another system (hotline, grid-worker app). It becomes an ordinary
 * `incident`/`insert` change in the stream, written as if by a console whose id is the intake device's id,
 * so consoles need no special path for it. The sender's `externalId` makes resending harmless.
 */
export function registerIntake(app: FastifyInstance, ctx: ServerContext): void {
  const clocks = new Map<string, HybridClock>();
  app.post(
    '/v1/intake',
    { onRequest: ctx.auth(['intake']) },
    async (request, reply): Promise<IntakeResponse> => {
      const device = deviceOf(request);
      const parsed = IntakeRequestSchema.safeParse(request.body);
      if (!parsed.success) {
        const issues = zodIssues(parsed.error);
        throw badRequest('intake', `${issues[0]?.path}: ${issues[0]?.message}`, issues);
      }
      const input = parsed.data;
      const result = await withTransaction(ctx.pool, async (tx) => {
        await lockWrites(tx);
        const known = await tx.query<{ incident_id: string; server_seq: string }>(
          'SELECT incident_id, server_seq FROM intake_refs WHERE device_id = $1 AND external_id = $2',
          [device.id, input.externalId],
        );
        const prior = known.rows[0];
        if (prior)
          return { incidentId: prior.incident_id, serverSeq: toNumber(prior.server_seq), duplicate: true };
        // The HLC node is the intake device, so its writes tie-break like any console's; seeded from the last
        // change it wrote so time never runs backwards across restarts or instances.
        const last = await tx.query<{ hlc: string }>(
          'SELECT hlc FROM changes WHERE console_id = $1 ORDER BY seq DESC LIMIT 1',
          [device.id],
        );
        let clock = clocks.get(device.id);
        if (!clock) clocks.set(device.id, (clock = new HybridClock(device.id)));
        if (last.rows[0]) clock.receive(last.rows[0].hlc);
        const now = Date.now();
        const id = randomUUID();
        const change: Change = {
          consoleId: device.id,
          seq: (await highestSeq(tx, device.id)) + 1,
          entity: 'incident',
          entityId: id,
          op: 'insert',
          hlc: clock.tick(),
          schemaVersion: SYNC_SCHEMA_VERSION,
          fields: {
            id,
            category: input.category,
            priority: input.priority,
            status: 'reported',
            source: input.source,
            location: input.location,
            address: input.address,
            description: input.description,
            reporter: input.reporter,
            gridCode: null,
            isDrill: input.isDrill,
            isDemo: false,
            createdAt: now,
            updatedAt: now,
            createdBy: `intake:${device.name}`,
            version: 1,
            externalId: input.externalId,
          },
        };
        const [stored] = await insertChanges(tx, [change], () => false);
        if (!stored) throw new Error('intake change was not stored');
        await tx.query(
          'INSERT INTO intake_refs (device_id, external_id, incident_id, server_seq) VALUES ($1, $2, $3, $4)',
          [device.id, input.externalId, id, stored.serverSeq],
        );
        await notifyChanges(tx, stored.serverSeq, device.id);
        return { incidentId: id, serverSeq: stored.serverSeq, duplicate: false };
      });
      if (!result.duplicate) ctx.projector.kick();
      request.log.info(
        { incidentId: result.incidentId, duplicate: result.duplicate },
        'intake incident received',
      );
      void reply.code(result.duplicate ? 200 : 201);
      return result;
    },
  );
}
