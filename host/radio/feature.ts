import { HostFailure } from '../../contract';
import { RadioRepository } from '../../db/radio';
import type { BackoffOptions } from '../../native/serial/backoff';
import { listSerialPorts } from '../../native/serial/listPorts';
import type { PortFactory } from '../../native/serial/managedPort';
import type { HostContext } from '../context';
import type { HostFeature } from '../feature';
import type { IncidentService } from '../incidents/service';
import { defineHandlers } from '../router';
import { AprsBridge } from './aprsBridge';
import { auditLocal } from './audit';
import { RadioConfig } from './config';
import { LinkManager } from './links';
import { SerialMonitor } from './monitor';
import { SerialPortRegistry } from './portRegistry';
import { PttService } from './pttService';
import { RecordingStore } from './recordings';
import { RigService } from './rigService';

export interface RadioOptions {
  /** Serial port implementation; tests pass serialport's SerialPortMock. */
  portFactory?: PortFactory;
  /** Reconnect timing for serial ports and KISS TCP. */
  backoff?: BackoffOptions;
  /** APRS message retry interval (default 30 s). */
  ackRetryMs?: number;
  rigctldBinary?: string;
  rigTimeoutMs?: number;
}

/** Serial radio and walkie-talkie bridges: ports, links, APRS, GPS, rig control, PTT, recordings. */
export class RadioFeature implements HostFeature {
  readonly name = 'radio';
  readonly handlers;
  readonly repo: RadioRepository;
  readonly monitor: SerialMonitor;
  readonly ports: SerialPortRegistry;
  readonly rigs: RigService;
  readonly links: LinkManager;
  readonly aprs: AprsBridge;
  readonly ptt: PttService;
  readonly config: RadioConfig;
  readonly recordings: RecordingStore;

  constructor(
    private readonly ctx: HostContext,
    incidents: IncidentService,
    options: RadioOptions = {},
  ) {
    this.repo = new RadioRepository(ctx.store.db);
    this.monitor = new SerialMonitor(ctx);
    this.ports = new SerialPortRegistry(ctx, this.monitor, options.portFactory, options.backoff);
    this.rigs = new RigService(ctx, this.repo, {
      rigctldBinary: options.rigctldBinary,
      timeoutMs: options.rigTimeoutMs,
    });
    this.links = new LinkManager(ctx, this.repo, this.ports, this.monitor, this.rigs, options.backoff);
    this.aprs = new AprsBridge(
      ctx,
      this.repo,
      (id) => this.links.sender(id),
      (c) => this.links.senderFor(c),
      { retryMs: options.ackRetryMs },
    );
    this.links.aprs = this.aprs;
    this.ptt = new PttService(ctx, this.repo, this.ports, this.rigs);
    this.config = new RadioConfig(ctx, this.repo);
    this.recordings = new RecordingStore(ctx, this.repo, incidents);
    this.handlers = [this.makeHandlers()];
  }

  private makeHandlers() {
    const { ctx, repo, ports, links, rigs, ptt, config, recordings, aprs } = this;
    return defineHandlers({
      'serial.list': () => listSerialPorts(),
      'serial.open': (p) => {
        ports.open(p, 'monitor', null);
        return ports.status(p.path)!;
      },
      'serial.close': async (p) => {
        const s = await ports.close(p.path, 'monitor');
        if (!s) throw new HostFailure('not_found', { entity: 'open serial port', id: p.path });
        return s;
      },
      'serial.status': () => ports.all(),

      'radio.profile.list': () => repo.profiles(),
      'radio.profile.save': async (p) => {
        const saved = config.saveProfile(p);
        // A changed radio gets fresh rig control on next use; an unkeyed line is rebuilt from the new profile.
        if (p.id) await rigs.stop(saved.id);
        return saved;
      },
      'radio.profile.delete': async ({ id }) => {
        config.deleteProfile(id);
        await ptt.forget(id);
        await rigs.stop(id);
        return { id };
      },

      'radio.link.list': () => repo.links().map((link) => ({ link, status: links.status(link.id) })),
      'radio.link.save': async (p) => {
        const link = config.saveLink(p);
        await links.restart(link);
        return link;
      },
      'radio.link.delete': async ({ id }) => {
        config.deleteLink(id);
        await links.stop(id);
        return { id };
      },
      'radio.monitor.set': ({ source, enabled }) => ({ sources: this.monitor.set(source, enabled) }),

      'radio.message.list': (p) => repo.messages(p.limit, p.direction),
      'radio.message.send': (p) => aprs.send(p),
      'radio.message.markRead': ({ id }) => {
        const m = repo.message(id);
        if (!m) throw new HostFailure('not_found', { entity: 'radio message', id });
        const updated = repo.updateMessage(id, { readAt: m.readAt ?? ctx.now(), at: ctx.now() })!;
        ctx.events.publish('radio.message', updated);
        return updated;
      },
      'radio.heard.list': () => repo.heard(),
      'radio.unit.setCallsign': ({ unitId, callsign }) => {
        const unit = ctx.store.reference.unit(unitId);
        if (!unit) throw new HostFailure('not_found', { entity: 'unit', id: unitId });
        const other = callsign ? ctx.store.reference.unitByCallsign(callsign) : null;
        if (other && other.id !== unitId) {
          const detail = `${callsign} is already bound to ${other.name}`;
          throw new HostFailure('bad_request', { method: 'radio.unit.setCallsign', detail }, [
            { path: 'callsign', message: detail },
          ]);
        }
        auditLocal(ctx, 'unit.setCallsign', 'unit', unitId, { from: unit.callsign, to: callsign }, () =>
          ctx.store.reference.setUnitCallsign(unitId, callsign),
        );
        return ctx.store.reference.unit(unitId)!;
      },

      'radio.ptt.key': (p, call) => ptt.key(p.profileId, p.source, call.clientId ?? null),
      'radio.ptt.unkey': (p) => ptt.unkey(p.profileId, 'released'),
      'radio.ptt.state': () => ptt.states(),
      'radio.ptt.log': (p) => repo.pttLog(p.limit, p.profileId),

      'radio.rig.status': () => rigs.statuses(),
      'radio.rig.read': (p) => rigs.read(p.profileId),
      'radio.rig.setFrequency': (p) => rigs.setFrequency(p.profileId, p.frequencyHz),
      'radio.rig.setMode': (p) => rigs.setMode(p.profileId, p.mode, p.passbandHz),
      'radio.rig.setVfo': (p) => rigs.setVfo(p.profileId, p.vfo),
      'radio.rig.setChannel': (p) => rigs.setChannel(p.profileId, p.memoryChannel),
      'radio.rig.applyPreset': (p) => rigs.applyPreset(p.profileId, p.preset),

      'radio.test.keyPtt': async (p, call) => {
        const t0 = Date.now();
        try {
          await ptt.key(p.profileId, 'test', call.clientId ?? null);
        } catch (e) {
          const m = e instanceof HostFailure ? String(e.params.detail ?? e.message) : (e as Error).message;
          return { ok: false, durationMs: 0, message: m };
        }
        await new Promise((r) => setTimeout(r, p.ms));
        const s = await ptt.unkey(p.profileId, 'released');
        return {
          ok: !s.error,
          durationMs: Date.now() - t0,
          message: s.error ?? `keyed for ${p.ms} ms and released`,
        };
      },
      'radio.test.beacon': async ({ linkId, text }) => {
        const sender = links.sender(linkId);
        if (!sender) throw new HostFailure('unavailable', { detail: `APRS link ${linkId}` });
        const body = `>${text}`;
        await sender.sendBody(body).catch((e: Error) => {
          throw new HostFailure('unavailable', { detail: `The TNC (${e.message})` });
        });
        auditLocal(ctx, 'radio.test.beacon', 'radio_link', linkId, { text });
        return { ok: true, packet: `${sender.callsign}>APZFSU,WIDE1-1:${body}` };
      },
      'radio.test.readFrequency': async ({ profileId }) => {
        const r = await rigs.read(profileId);
        return { frequencyHz: r.frequencyHz ?? 0, mode: r.mode };
      },

      'radio.recording.begin': (p) => recordings.begin(p),
      'radio.recording.chunk': (p) => recordings.chunk(p.id, p.offset, p.data),
      'radio.recording.finish': (p) => recordings.finish(p.id, p.endedAt, p.sha256),
      'radio.recording.abort': (p) => recordings.abort(p.id),
      'radio.recording.list': (p) => recordings.list(p),
      'radio.recording.read': (p) => recordings.read(p.id, p.offset, p.length),
      'radio.recording.attach': (p) => recordings.attach(p.id, p.incidentId),
    });
  }

  start(): void {
    this.links.startAll();
  }

  clientDisconnected(clientId: string): void {
    this.ptt.clientDisconnected(clientId);
  }

  /** Transmitters first (unkey), then links, rigs and ports. */
  async close(): Promise<void> {
    await this.ptt.closeAll();
    this.aprs.close();
    await this.links.stopAll();
    await this.rigs.stopAll();
    await this.ports.closeAll();
  }
}
