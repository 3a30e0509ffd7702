import type { RadioLink, RadioLinkStatus } from '../../contract/radio';
import type { RadioRepository } from '../../db/radio';
import { encodeAx25 } from '../../native/radio/ax25/frame';
import { parseTnc2 } from '../../native/radio/ax25/tnc2';
import { AprsFrameStream } from '../../native/radio/bridges/aprsFrames';
import { emptyCounters, type InputCounters } from '../../native/radio/bridges/counters';
import { KissTcpLink } from '../../native/radio/bridges/kissTcpLink';
import { encodeKissData } from '../../native/radio/kiss/encode';
import type { BackoffOptions } from '../../native/serial/backoff';
import type { HostContext } from '../context';
import type { AprsBridge, AprsSender } from './aprsBridge';
import { GpsBridge } from './gpsBridge';
import type { SerialMonitor } from './monitor';
import type { SerialPortRegistry } from './portRegistry';
import type { RigService } from './rigService';

/** The APRS "tocall" for Fengsui (APZ = experimental software). */
export const TOCALL = 'APZFSU';

interface Running {
  link: RadioLink;
  status: RadioLinkStatus;
  counters: InputCounters;
  send?: (frame: Uint8Array, summary: string) => Promise<void>;
  stop: () => Promise<void>;
}

/** Starts, stops and reports the configured links; each runs on its own so one failing never blocks another. */
export class LinkManager {
  private readonly running = new Map<string, Running>();
  aprs!: AprsBridge;

  constructor(
    private readonly ctx: HostContext,
    private readonly repo: RadioRepository,
    private readonly ports: SerialPortRegistry,
    private readonly monitor: SerialMonitor,
    private readonly rigs: RigService,
    private readonly backoff?: BackoffOptions,
  ) {}

  startAll(): void {
    for (const l of this.repo.links()) if (l.enabled) this.startSafe(l);
  }

  private startSafe(link: RadioLink): void {
    try {
      this.start(link);
    } catch (e) {
      this.setStatus(link.id, { state: 'failed', lastError: (e as Error).message });
    }
  }

  status(id: string): RadioLinkStatus {
    const r = this.running.get(id);
    const link = this.repo.link(id);
    if (r) return { ...r.status, counters: { ...r.counters } };
    return {
      linkId: id,
      kind: link?.endpoint.kind ?? 'kiss_tcp',
      state: 'stopped',
      lastError: null,
      retryInMs: null,
      counters: emptyCounters(),
      at: this.ctx.now(),
    };
  }

  private setStatus(id: string, patch: Partial<RadioLinkStatus>): void {
    const r = this.running.get(id);
    const base = this.status(id);
    const next: RadioLinkStatus = {
      ...base,
      ...patch,
      counters: { ...(r?.counters ?? base.counters) },
      at: this.ctx.now(),
    };
    if (r) r.status = next;
    this.ctx.events.publish('radio.link.status', next);
  }

  /** Our callsigns: messages addressed to any of them land in the inbox. */
  ourCalls(): string[] {
    return [...this.running.values()].map((r) => r.link.callsign.toUpperCase()).filter(Boolean);
  }

  /** The link that sends as `callsign` (an ack must come from the station the message was addressed to). */
  senderFor(callsign: string): AprsSender | null {
    const r = [...this.running.values()].find(
      (x) => x.send && x.link.callsign.toUpperCase() === callsign.toUpperCase(),
    );
    return r ? this.sender(r.link.id) : null;
  }

  sender(linkId?: string): AprsSender | null {
    const r = linkId
      ? this.running.get(linkId)
      : ([...this.running.values()].find((x) => x.send && x.status.state === 'up') ??
        [...this.running.values()].find((x) => x.send));
    if (!r?.send) return null;
    const send = r.send;
    return {
      linkId: r.link.id,
      callsign: r.link.callsign,
      sendBody: async (body) => {
        const tnc2 = `${r.link.callsign}>${TOCALL},WIDE1-1:${body}`;
        const parsed = parseTnc2(tnc2);
        if (!parsed.ok) throw new Error(parsed.error.message);
        const kissPort = 'kissPort' in r.link.endpoint ? r.link.endpoint.kissPort : 0;
        await send(encodeKissData(encodeAx25(parsed.frame), kissPort), tnc2);
      },
    };
  }

  private start(link: RadioLink): void {
    const counters = emptyCounters();
    const ep = link.endpoint;
    const r: Running = {
      link,
      counters,
      status: {
        linkId: link.id,
        kind: ep.kind,
        state: 'connecting',
        lastError: null,
        retryInMs: null,
        counters,
        at: this.ctx.now(),
      },
      stop: async () => undefined,
    };
    this.running.set(link.id, r);
    switch (ep.kind) {
      case 'kiss_serial': {
        let stream: AprsFrameStream | null = null;
        const { port, counters: portCounters } = this.ports.open(
          ep.serial,
          `link ${link.name}`,
          link.id,
          (d, c) => {
            stream ??= new AprsFrameStream(c);
            const { heard, decoded } = stream.push(d);
            for (const h of heard) this.safe(() => this.aprs.onHeard(h, link.id, this.ourCalls()));
            return decoded;
          },
        );
        // The port's counters are the link's counters: one set per wire.
        r.counters = portCounters;
        const mirror = this.mirror(link.id, port);
        const poll = setInterval(mirror, 500);
        poll.unref?.();
        r.send = (frame, summary) =>
          this.ports.write(ep.serial.path, frame, [{ kind: 'aprs', summary, problem: null }]);
        r.stop = async () => {
          clearInterval(poll);
          await this.ports.close(ep.serial.path);
        };
        break;
      }
      case 'kiss_tcp': {
        const stream = new AprsFrameStream(counters);
        const source = `${ep.host}:${ep.port}`;
        const tcp = new KissTcpLink({
          host: ep.host,
          port: ep.port,
          backoff: this.backoff,
          onData: (d) => {
            counters.bytesIn += d.length;
            const { heard, decoded } = stream.push(d);
            this.monitor.record(source, link.id, 'rx', d, decoded, counters);
            for (const h of heard) this.safe(() => this.aprs.onHeard(h, link.id, this.ourCalls()));
          },
          onState: (state, lastError, retryInMs) => {
            if (this.running.get(link.id) === r) this.setStatus(link.id, { state, lastError, retryInMs });
          },
        });
        tcp.start();
        r.send = async (frame, summary) => {
          await tcp.send(frame);
          counters.bytesOut += frame.length;
          this.monitor.record(
            source,
            link.id,
            'tx',
            frame,
            [{ kind: 'aprs', summary, problem: null }],
            counters,
          );
        };
        r.stop = async () => tcp.stop();
        break;
      }
      case 'nmea_serial': {
        const gps = new GpsBridge(this.ctx, link.id, ep.unitId, ep.minIntervalMs);
        const { port, counters: portCounters } = this.ports.open(
          ep.serial,
          `link ${link.name}`,
          link.id,
          (d, c) => gps.push(d, c),
        );
        r.counters = portCounters;
        const mirror = this.mirror(link.id, port);
        const poll = setInterval(mirror, 500);
        poll.unref?.();
        r.stop = async () => {
          clearInterval(poll);
          await this.ports.close(ep.serial.path);
        };
        break;
      }
      case 'rigctld': {
        this.rigs.ensure(ep.profileId).then(
          () => this.setStatus(link.id, { state: 'up', lastError: null }),
          (e: Error) => this.setStatus(link.id, { state: 'failed', lastError: e.message }),
        );
        r.stop = async () => this.rigs.stop(ep.profileId);
        break;
      }
    }
  }

  /**
   * A serial link's status follows its port. Published on every state change, and while data flows at most once
   * a second so the counters on the technician screen move without flooding every window.
   */
  private mirror(
    linkId: string,
    port: { status: { state: string; lastError: string | null; retryInMs: number | null } },
  ) {
    let last = '';
    let lastAt = 0;
    return () => {
      const s = port.status;
      const state = (
        s.state === 'open'
          ? 'up'
          : s.state === 'closed'
            ? 'stopped'
            : s.state === 'opening'
              ? 'connecting'
              : s.state
      ) as RadioLinkStatus['state'];
      const r = this.running.get(linkId);
      const key = `${state}|${s.lastError}|${s.retryInMs}`;
      const counters = JSON.stringify(r?.counters);
      const now = this.ctx.now();
      if (key === last && (counters === JSON.stringify(r?.status.counters) || now - lastAt < 1000)) return;
      last = key;
      lastAt = now;
      this.setStatus(linkId, { state, lastError: s.lastError, retryInMs: s.retryInMs });
    };
  }

  private safe(fn: () => void): void {
    try {
      fn();
    } catch (e) {
      this.ctx.log.warn({ err: (e as Error).message }, 'APRS packet handling failed');
    }
  }

  async restart(link: RadioLink): Promise<void> {
    await this.stop(link.id);
    if (link.enabled) this.startSafe(link);
  }

  async stop(id: string): Promise<void> {
    const r = this.running.get(id);
    if (!r) return;
    this.running.delete(id);
    await r.stop().catch(() => undefined);
    this.ctx.events.publish('radio.link.status', { ...r.status, state: 'stopped', at: this.ctx.now() });
  }

  async stopAll(): Promise<void> {
    await Promise.all([...this.running.keys()].map((id) => this.stop(id)));
  }
}
