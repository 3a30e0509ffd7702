import { v7 as uuidv7 } from 'uuid';
import { HostFailure } from '../../contract';
import type { PttState, RadioProfile } from '../../contract/radio';
import type { RadioRepository } from '../../db/radio';
import {
  PttLine,
  type PttBackend,
  type PttEndReason,
  type PttSnapshot,
} from '../../native/radio/bridges/pttLine';
import type { HostContext } from '../context';
import { auditLocal } from './audit';
import type { SerialPortRegistry } from './portRegistry';
import type { RigService } from './rigService';

/**
 * PTT for every radio profile. A line is keyed on behalf of one client (window); when that client goes away
 * the line unkeys, and so it does on the transmit time-out and when the host closes. Every key-down and
 * key-up is audited, and each transmission lands in the PTT log with operator and duration.
 */
export class PttService {
  private readonly lines = new Map<string, { line: PttLine; profile: RadioProfile }>();

  constructor(
    private readonly ctx: HostContext,
    private readonly repo: RadioRepository,
    private readonly ports: SerialPortRegistry,
    private readonly rigs: RigService,
  ) {}

  private backend(p: RadioProfile): PttBackend {
    switch (p.ptt.method) {
      case 'rigctld':
        return {
          method: 'rigctld',
          set: async (on) => {
            await this.rigs.run(p.id, { kind: 'set_ptt', on });
          },
        };
      case 'rts':
      case 'dtr': {
        const path = p.ptt.serialPath!;
        const line = p.ptt.method;
        return {
          method: line,
          set: async (on) => {
            // Share the port with a link on the same cable if there is one; otherwise hold it for PTT.
            const held =
              this.ports.get(path) ??
              this.ports.open(
                { path, baudRate: 9600, dataBits: 8, parity: 'none', stopBits: 1, flow: 'none' },
                `PTT ${p.name}`,
                null,
              );
            if (!held.port.isOpen) await waitOpen(held.port, 2000);
            await held.port.setLines({ [line]: p.ptt.invert ? !on : on });
          },
        };
      }
      case 'vox':
        // The radio keys itself on audio; the console only tracks and times the transmission.
        return { method: 'vox', set: async () => undefined };
    }
  }

  private lineFor(profileId: string): PttLine {
    const p = this.repo.profile(profileId);
    if (!p) throw new HostFailure('not_found', { entity: 'radio profile', id: profileId });
    const existing = this.lines.get(profileId);
    if (existing && existing.profile.updatedAt === p.updatedAt) return existing.line;
    if (existing?.line.snapshot.keyed) return existing.line; // never swap a line under a live transmission
    const line = new PttLine(this.backend(p), {
      totMs: p.totSeconds * 1000,
      now: this.ctx.now,
      onChange: (s) => this.ctx.events.publish('radio.ptt', this.toState(profileId, line.method, s)),
      onTransmission: (t) => {
        const entry = {
          id: uuidv7(),
          profileId,
          operator: t.operator,
          method: line.method,
          source: t.source,
          keyedAt: t.keyedAt,
          unkeyedAt: t.unkeyedAt,
          durationMs: Math.max(0, t.unkeyedAt - t.keyedAt),
          reason: t.reason,
        };
        try {
          auditLocal(
            this.ctx,
            'radio.ptt.unkey',
            'radio_profile',
            profileId,
            { durationMs: entry.durationMs, reason: t.reason, method: entry.method },
            () => this.repo.appendPtt(entry),
            t.operator,
          );
        } catch (e) {
          this.ctx.log.error({ err: (e as Error).message }, 'PTT log write failed');
        }
      },
    });
    this.lines.set(profileId, { line, profile: p });
    return line;
  }

  private toState(profileId: string, method: PttState['method'], s: PttSnapshot): PttState {
    return {
      profileId,
      keyed: s.keyed,
      method,
      operator: s.operator,
      source: s.source,
      keyedAt: s.keyedAt,
      deadlineAt: s.deadlineAt,
      totSeconds: Math.round(s.totMs / 1000),
      lastEnd: s.lastEnd,
      error: s.error,
      at: this.ctx.now(),
    };
  }

  async key(
    profileId: string,
    source: PttState['source'] & string,
    clientId: string | null,
  ): Promise<PttState> {
    const line = this.lineFor(profileId);
    const operator = this.ctx.operator();
    try {
      const s = await line.key({ operator, source: source as never, clientId });
      auditLocal(this.ctx, 'radio.ptt.key', 'radio_profile', profileId, { method: line.method, source });
      return this.toState(profileId, line.method, s);
    } catch (e) {
      if (e instanceof HostFailure) throw e;
      throw new HostFailure('unavailable', { detail: `PTT (${(e as Error).message})` });
    }
  }

  async unkey(profileId: string, reason: PttEndReason = 'released'): Promise<PttState> {
    const line = this.lineFor(profileId);
    return this.toState(profileId, line.method, await line.unkey(reason));
  }

  states(): PttState[] {
    return [...this.lines.entries()].map(([id, { line }]) => this.toState(id, line.method, line.snapshot));
  }

  /** A window closed or its link to the host dropped: whatever it keyed is released. */
  clientDisconnected(clientId: string): void {
    for (const { line } of this.lines.values()) {
      if (line.snapshot.keyed && line.snapshot.clientId === clientId)
        void line.unkey('disconnect').catch(() => undefined);
    }
  }

  async forget(profileId: string): Promise<void> {
    const l = this.lines.get(profileId);
    this.lines.delete(profileId);
    await l?.line.dispose('host_closed');
  }

  async closeAll(): Promise<void> {
    await Promise.all([...this.lines.values()].map(({ line }) => line.dispose('host_closed')));
    this.lines.clear();
  }
}

function waitOpen(port: { isOpen: boolean }, ms: number): Promise<void> {
  const until = Date.now() + ms;
  return new Promise((resolve, reject) => {
    const tick = () => {
      if (port.isOpen) return resolve();
      if (Date.now() > until) return reject(new Error('the PTT serial port did not open'));
      setTimeout(tick, 20);
    };
    tick();
  });
}
