import { v7 as uuidv7 } from 'uuid';
import { HostFailure } from '../../contract';
import type { RadioMessage } from '../../contract/radio';
import { encodeAprsAck, encodeAprsMessage } from '../../native/radio/aprs/encode';
import type { AprsHeard } from '../../native/radio/bridges/aprsFrames';
import type { RadioRepository } from '../../db/radio';
import type { HostContext } from '../context';
import { auditLocal } from './audit';
import { moveUnit } from './unitPositions';

/** What the bridge needs from a link to put an APRS body on air. */
export interface AprsSender {
  linkId: string;
  callsign: string;
  /** Sends `callsign>APZFSU,WIDE1-1:body` as a KISS frame. */
  sendBody(body: string): Promise<void>;
}

export interface AprsBridgeOptions {
  /** Wait this long for an ack before sending again (APRS practice is 30 s and longer; tests use less). */
  retryMs?: number;
}

const POSITION_TYPES = new Set(['location']);

/**
 * APRS meets the duty room: positions move the unit bound to the callsign (or add a heard station), messages
 * land in the radio inbox (acked when the sender asked), and the console's own messages are sent with a
 * number and resent until acked, rejected, or out of attempts.
 */
export class AprsBridge {
  private readonly timers = new Map<string, NodeJS.Timeout>();
  private nextNumber: number;

  constructor(
    private readonly ctx: HostContext,
    private readonly repo: RadioRepository,
    private readonly senders: (linkId?: string) => AprsSender | null,
    private readonly senderFor: (callsign: string) => AprsSender | null,
    private readonly options: AprsBridgeOptions = {},
  ) {
    this.nextNumber = repo.lastOutgoingNumber() + 1;
    repo.failUnfinishedOutgoing(ctx.now());
  }

  onHeard(h: AprsHeard, linkId: string, ourCalls: readonly string[]): void {
    const p = h.packet;
    const src = p.srcCallsign.toUpperCase();
    const hasPos = p.latitude !== undefined && p.longitude !== undefined && POSITION_TYPES.has(p.type ?? '');
    const pos = hasPos ? { lon: p.longitude!, lat: p.latitude! } : null;
    const heard = this.repo.upsertHeard({
      callsign: src,
      linkId,
      at: this.ctx.now(),
      position: pos,
      path: p.digipeaters.map((d) => d.call + (d.wasDigied ? '*' : '')).join(','),
      symbol: (p.symbolTable ?? '') + (p.symbolCode ?? ''),
      comment: (p.comment ?? p.status ?? '').slice(0, 200),
      packet: h.tnc2.slice(0, 400),
    });
    this.ctx.events.publish('radio.heard', heard);
    if (pos) {
      const unit = this.ctx.store.reference.unitByCallsign(src);
      if (unit)
        moveUnit(this.ctx, unit, pos, `aprs:${src}`, {
          courseDeg: p.course,
          speedKmh: p.speed,
          altitudeM: p.altitude,
        });
    }
    if (p.type === 'message' && p.destination && ourCalls.includes(p.destination.toUpperCase()))
      this.onMessage(h, linkId, p.destination.toUpperCase());
  }

  private onMessage(h: AprsHeard, linkId: string, to: string): void {
    const p = h.packet;
    const from = p.srcCallsign.toUpperCase();
    if (p.messageAck !== undefined && p.message === undefined)
      return this.answered(from, p.messageAck, 'acked');
    if (p.messageRej !== undefined) return this.answered(from, p.messageRej, 'rejected');
    const text = p.message ?? '';
    const msgNo = p.messageId ?? null;
    // A reply-ack piggybacked on a new message also acknowledges ours.
    if (p.messageAck) this.answered(from, p.messageAck, 'acked');
    const repeat = msgNo ? this.repo.incomingByNumber(from, to, msgNo) : null;
    if (!repeat) {
      const at = this.ctx.now();
      const m: RadioMessage = {
        id: uuidv7(),
        direction: 'in',
        linkId,
        from,
        to,
        text,
        msgNo,
        state: 'received',
        attempts: 0,
        maxAttempts: 0,
        at,
        updatedAt: at,
        readAt: null,
        operator: '',
      };
      auditLocal(this.ctx, 'radio.message.received', 'radio_message', m.id, { from, to, msgNo }, () =>
        this.repo.insertMessage(m),
      );
      this.ctx.events.publish('radio.message', m);
    }
    // Ack every copy (the sender repeats because it did not hear our ack), once per copy even when several
    // links hear the same transmission: only the link that owns the addressed callsign answers.
    if (msgNo && this.senderFor(to)?.linkId !== linkId && this.senderFor(to)) return;
    if (msgNo) {
      const ack = encodeAprsAck(from, msgNo);
      const sender = this.senderFor(to);
      if (ack.ok && sender) void sender.sendBody(ack.body).catch(() => undefined);
    }
  }

  private answered(peer: string, msgNo: string, state: 'acked' | 'rejected'): void {
    const m = this.repo.outgoingAwaiting(peer, msgNo);
    if (!m || (m.state !== 'sent' && m.state !== 'queued')) return;
    this.stopRetry(m.id);
    let updated: RadioMessage | null = null;
    auditLocal(this.ctx, `radio.message.${state}`, 'radio_message', m.id, { peer, msgNo }, () => {
      updated = this.repo.updateMessage(m.id, { state, at: this.ctx.now() });
    });
    if (updated) this.ctx.events.publish('radio.message', updated);
  }

  /** Queues a message to `to`, sends it now and arms the retry timer. */
  async send(input: {
    linkId?: string;
    to: string;
    text: string;
    maxAttempts: number;
  }): Promise<RadioMessage> {
    const sender = this.senders(input.linkId);
    if (!sender)
      throw new HostFailure('unavailable', {
        detail: input.linkId
          ? `APRS link ${input.linkId}`
          : 'An APRS link (configure and enable a KISS link first)',
      });
    if (!sender.callsign)
      throw new HostFailure('bad_request', {
        method: 'radio.message.send',
        detail: 'the APRS link has no callsign to send as; set one in the link settings',
      });
    const msgNo = String(this.nextNumber);
    this.nextNumber = (this.nextNumber % 99999) + 1;
    const enc = encodeAprsMessage({ addressee: input.to, text: input.text, id: msgNo });
    if (!enc.ok) throw new HostFailure('bad_request', { method: 'radio.message.send', detail: enc.reason });
    const at = this.ctx.now();
    const m: RadioMessage = {
      id: uuidv7(),
      direction: 'out',
      linkId: sender.linkId,
      from: sender.callsign,
      to: input.to,
      text: input.text,
      msgNo,
      state: 'queued',
      attempts: 0,
      maxAttempts: input.maxAttempts,
      at,
      updatedAt: at,
      readAt: at,
      operator: this.ctx.operator(),
    };
    auditLocal(
      this.ctx,
      'radio.message.send',
      'radio_message',
      m.id,
      { to: m.to, msgNo, length: m.text.length },
      () => this.repo.insertMessage(m),
    );
    this.ctx.events.publish('radio.message', m);
    return this.transmit(m.id, enc.body);
  }

  private async transmit(id: string, body: string): Promise<RadioMessage> {
    const m = this.repo.message(id);
    if (!m || (m.state !== 'queued' && m.state !== 'sent')) return m!;
    if (m.attempts >= m.maxAttempts) {
      const failed = this.repo.updateMessage(id, { state: 'failed', at: this.ctx.now() })!;
      auditLocal(this.ctx, 'radio.message.failed', 'radio_message', id, { attempts: m.attempts });
      this.ctx.events.publish('radio.message', failed);
      return failed;
    }
    const sender = this.senders(m.linkId ?? undefined);
    let error = false;
    try {
      if (!sender) throw new Error('link gone');
      await sender.sendBody(body);
    } catch {
      error = true; // counts as an attempt: the TNC was away; the retry may find it back
    }
    const updated = this.repo.updateMessage(id, {
      state: error && m.state === 'queued' ? 'queued' : 'sent',
      attempts: m.attempts + 1,
      at: this.ctx.now(),
    })!;
    this.ctx.events.publish('radio.message', updated);
    const t = setTimeout(() => {
      this.timers.delete(id);
      void this.transmit(id, body).catch(() => undefined);
    }, this.options.retryMs ?? 30_000);
    t.unref?.();
    this.timers.set(id, t);
    return updated;
  }

  private stopRetry(id: string): void {
    const t = this.timers.get(id);
    if (t) clearTimeout(t);
    this.timers.delete(id);
  }

  close(): void {
    for (const t of this.timers.values()) clearTimeout(t);
    this.timers.clear();
  }
}
