import { createHash, randomUUID } from 'node:crypto';
import {
  HostFailure,
  OPEN_STATUSES,
  type Handover,
  type HandoverSummary,
  type SessionUser,
} from '../../contract';
import type { CallContext, HostContext } from '../context';
import type { UsersService } from './service';

/**
 * Where overdue incidents come from. The SLA feature owns deadlines; until it is wired in (host.ts), the summary
 * says overdue is not tracked rather than claiming none are overdue.
 */
export type OverdueSource = () => readonly { incidentId: string }[] | null;

/** A handover lists at most this many open incidents (the counts stay exact). */
const MAX_LISTED = 500;

interface HandoverRow {
  id: string;
  at: number;
  outgoing: string;
  incoming: string;
  note: string;
  summary: string;
  digest: string;
}

const toHandover = (r: HandoverRow): Handover => ({
  id: r.id,
  at: r.at,
  outgoing: JSON.parse(r.outgoing) as SessionUser,
  incoming: JSON.parse(r.incoming) as SessionUser,
  note: r.note,
  summary: JSON.parse(r.summary) as HandoverSummary,
  digest: r.digest,
});

/**
 * Shift handover: the outgoing operator reviews the open (and overdue) incidents, then both operators sign with
 * their passwords at the same workstation. The signed summary is stored append-only and audited, and the window
 * passes to the incoming operator.
 */
export class HandoverService {
  constructor(
    private readonly ctx: HostContext,
    private readonly users: UsersService,
    private readonly overdue: OverdueSource = () => null,
  ) {}

  summary(): HandoverSummary {
    const { items, total } = this.ctx.store.incidents.list({
      statuses: OPEN_STATUSES,
      limit: MAX_LISTED,
      offset: 0,
    });
    const overdueList = this.overdue();
    const overdueIds = new Set((overdueList ?? []).map((o) => o.incidentId));
    const open = items.map((i) => ({
      id: i.id,
      category: i.category,
      priority: i.priority,
      status: i.status,
      address: i.address,
      description: i.description,
      createdAt: i.createdAt,
      updatedAt: i.updatedAt,
      overdue: overdueIds.has(i.id),
    }));
    // Overdue first: they are what the incoming operator must pick up at once.
    open.sort((a, b) => Number(b.overdue) - Number(a.overdue));
    return {
      at: this.ctx.now(),
      open,
      openCount: total,
      overdueCount: overdueIds.size,
      overdueTracked: overdueList !== null,
    };
  }

  async sign(
    call: CallContext,
    input: {
      outgoingPassword: string;
      incomingUsername: string;
      incomingPassword: string;
      note: string;
      reviewedAt?: number;
    },
  ): Promise<Handover> {
    const outgoingSession = this.users.session(call);
    if (!outgoingSession || !call.clientId) {
      throw new HostFailure('forbidden', {
        detail: 'a shift handover needs user accounts and a signed-in outgoing operator; sign in first',
      });
    }
    // Both signatures are password checks, rate-limited like sign-in.
    const outgoing = await this.users.authenticate(outgoingSession.username, input.outgoingPassword);
    const incoming = await this.users.authenticate(input.incomingUsername, input.incomingPassword);
    if (incoming.id === outgoing.id) {
      throw new HostFailure('bad_request', {
        method: 'handover.sign',
        detail: 'the incoming operator must be a different person from the outgoing one',
      });
    }
    const summary = this.summary();
    const record = {
      id: randomUUID(),
      at: summary.at,
      outgoing: {
        id: outgoing.id,
        username: outgoing.username,
        displayName: outgoing.displayName,
        role: outgoing.role,
      },
      incoming: {
        id: incoming.id,
        username: incoming.username,
        displayName: incoming.displayName,
        role: incoming.role,
      },
      note: input.note,
      summary,
    };
    const digest = createHash('sha256').update(JSON.stringify(record)).digest('hex');
    const handover: Handover = { ...record, digest };
    this.ctx.store.transaction(() => {
      this.ctx.store.db
        .prepare(
          `INSERT INTO shift_handovers (id, at, outgoing_user_id, outgoing, incoming_user_id, incoming, note, summary, digest)
           VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
        )
        .run(
          handover.id,
          handover.at,
          outgoing.id,
          JSON.stringify(handover.outgoing),
          incoming.id,
          JSON.stringify(handover.incoming),
          handover.note,
          JSON.stringify(summary),
          digest,
        );
      this.users.audit(
        'handover.sign',
        'handover',
        handover.id,
        {
          outgoing: outgoing.username,
          incoming: incoming.username,
          openCount: summary.openCount,
          overdueCount: summary.overdueCount,
          digest,
          // When the outgoing operator last looked at the summary they signed (it is recomputed at signing).
          reviewedAt: input.reviewedAt ?? null,
        },
        outgoing.username,
      );
    });
    // The workstation now belongs to the incoming operator.
    this.users.bind(call.clientId, incoming, 'handover', input.incomingPassword);
    this.ctx.events.publish('handover.signed', { id: handover.id });
    return handover;
  }

  list(limit: number, offset: number): { items: Handover[]; total: number } {
    const db = this.ctx.store.db;
    const items = (
      db
        .prepare('SELECT * FROM shift_handovers ORDER BY at DESC, id LIMIT ? OFFSET ?')
        .all(limit, offset) as HandoverRow[]
    ).map(toHandover);
    const { n } = db.prepare('SELECT count(*) AS n FROM shift_handovers').get() as { n: number };
    return { items, total: n };
  }

  get(id: string): Handover {
    const r = this.ctx.store.db.prepare('SELECT * FROM shift_handovers WHERE id = ?').get(id) as
      HandoverRow | undefined;
    if (!r) throw new HostFailure('not_found', { entity: 'handover', id });
    return toHandover(r);
  }
}
