import { HostFailure } from '../../contract';
import type { RadioProfile, RigReading, RigStatus } from '../../contract/radio';
import type { RadioRepository } from '../../db/radio';
import { RigctldClient } from '../../native/radio/bridges/rigctldClient';
import { RigctldSupervisor } from '../../native/radio/bridges/rigctldSupervisor';
import type { RigCommand, RigMode } from '../../native/radio/rigctl/commands';
import type { HostContext } from '../context';

interface Rig {
  client: RigctldClient;
  supervisor: RigctldSupervisor | null;
  status: RigStatus;
  ready: Promise<void>;
}

export interface RigServiceOptions {
  rigctldBinary?: string;
  timeoutMs?: number;
}

/** Radio control per profile: the host's own supervised rigctld, or a connection to an existing one. */
export class RigService {
  private readonly rigs = new Map<string, Rig>();

  constructor(
    private readonly ctx: HostContext,
    private readonly repo: RadioRepository,
    private readonly options: RigServiceOptions = {},
  ) {}

  private profile(id: string): RadioProfile {
    const p = this.repo.profile(id);
    if (!p) throw new HostFailure('not_found', { entity: 'radio profile', id });
    return p;
  }

  private publish(rig: Rig, patch: Partial<RigStatus>): void {
    rig.status = { ...rig.status, ...patch, at: this.ctx.now() };
    this.ctx.events.publish('radio.rig.status', rig.status);
  }

  /** Starts (or reuses) rig control for a profile and resolves once rigctld is reachable. */
  ensure(profileId: string): Promise<RigctldClient> {
    const existing = this.rigs.get(profileId);
    if (existing) return existing.ready.then(() => existing.client);
    const p = this.profile(profileId);
    const c = p.control;
    if (c.kind === 'none')
      return Promise.reject(
        new HostFailure('unavailable', {
          detail: `Rig control for "${p.name}" (the profile has no CAT control)`,
        }),
      );
    const status: RigStatus = {
      profileId,
      state: 'starting',
      endpoint: c.kind === 'connect' ? `${c.host}:${c.port}` : null,
      pid: null,
      restarts: 0,
      lastError: null,
      at: this.ctx.now(),
    };
    let rig: Rig;
    if (c.kind === 'connect') {
      const client = new RigctldClient({ host: c.host, port: c.port, timeoutMs: this.options.timeoutMs });
      rig = { client, supervisor: null, status, ready: Promise.resolve() };
      this.rigs.set(profileId, rig);
      this.publish(rig, { state: 'up' });
      return Promise.resolve(client);
    }
    let client: RigctldClient | null = null;
    const supervisor = new RigctldSupervisor({
      model: p.model,
      device: c.device,
      baudRate: c.baudRate,
      port: c.listenPort,
      pttViaRig: p.ptt.method === 'rigctld',
      binary: this.options.rigctldBinary,
      onStatus: (s) => {
        const r = this.rigs.get(profileId);
        if (!r) return;
        // A restarted rigctld is a new process: drop the old socket so the next command reconnects.
        if (s.state === 'up') client?.reset();
        this.publish(r, {
          state: s.state,
          pid: s.pid,
          restarts: s.restarts,
          lastError: s.error,
          endpoint: s.endpoint,
        });
      },
    });
    rig = { client: null as unknown as RigctldClient, supervisor, status, ready: Promise.resolve() };
    this.rigs.set(profileId, rig);
    rig.ready = supervisor.start().then(() => {
      client = new RigctldClient({ ...supervisor.endpoint, timeoutMs: this.options.timeoutMs });
      rig.client = client;
    });
    rig.ready.catch((e: Error) => {
      this.publish(rig, { state: 'failed', lastError: e.message });
    });
    return rig.ready.then(() => rig.client);
  }

  statuses(): RigStatus[] {
    return [...this.rigs.values()].map((r) => r.status);
  }

  supervisorPid(profileId: string): number | null {
    return this.rigs.get(profileId)?.supervisor?.pid ?? null;
  }

  async run(profileId: string, cmd: RigCommand) {
    const client = await this.ensure(profileId);
    try {
      return await client.run(cmd);
    } catch (e) {
      throw new HostFailure('unavailable', { detail: `Radio control (${(e as Error).message})` });
    }
  }

  async read(profileId: string): Promise<RigReading> {
    const get = async <T>(
      cmd: RigCommand,
      pick: (s: Awaited<ReturnType<RigctldClient['run']>>) => T | null,
    ) => {
      try {
        const client = await this.ensure(profileId);
        return pick(await client.run(cmd));
      } catch {
        return null; // the radio or backend does not support it; the reading says null
      }
    };
    const freq = await get({ kind: 'get_freq' }, (s) => (s.kind === 'frequency' ? s.hz : null));
    if (freq === null) {
      // Frequency is the one thing every rig answers; no frequency means no radio.
      await this.run(profileId, { kind: 'get_freq' });
    }
    const mode = await get({ kind: 'get_mode' }, (s) => (s.kind === 'mode' ? s : null));
    const vfo = await get({ kind: 'get_vfo' }, (s) => (s.kind === 'vfo' ? s.vfo : null));
    const mem = await get({ kind: 'get_mem' }, (s) => (s.kind === 'memory' ? s.channel : null));
    const strength = await get({ kind: 'get_level', level: 'STRENGTH' }, (s) =>
      s.kind === 'level' ? s.value : null,
    );
    const ptt = await get({ kind: 'get_ptt' }, (s) => (s.kind === 'ptt' ? s.on : null));
    const reading: RigReading = {
      profileId,
      frequencyHz: freq,
      mode: mode?.mode ?? null,
      passbandHz: mode?.passbandHz ?? null,
      vfo,
      memoryChannel: mem,
      strengthDb: strength,
      ptt,
      at: this.ctx.now(),
    };
    this.ctx.events.publish('radio.rig.reading', reading);
    return reading;
  }

  async setFrequency(profileId: string, hz: number): Promise<RigReading> {
    await this.run(profileId, { kind: 'set_freq', hz });
    return this.read(profileId);
  }
  async setMode(profileId: string, mode: string, passbandHz: number): Promise<RigReading> {
    await this.run(profileId, { kind: 'set_mode', mode: mode as RigMode, passbandHz });
    return this.read(profileId);
  }
  async setVfo(profileId: string, vfo: string): Promise<RigReading> {
    await this.run(profileId, { kind: 'set_vfo', vfo });
    return this.read(profileId);
  }
  async setChannel(profileId: string, channel: number): Promise<RigReading> {
    await this.run(profileId, { kind: 'set_mem', channel });
    return this.read(profileId);
  }
  async applyPreset(profileId: string, name: string): Promise<RigReading> {
    const preset = this.profile(profileId).presets.find((x) => x.name === name);
    if (!preset) throw new HostFailure('not_found', { entity: 'channel preset', id: name });
    if (preset.memoryChannel !== null)
      await this.run(profileId, { kind: 'set_mem', channel: preset.memoryChannel });
    await this.run(profileId, { kind: 'set_freq', hz: preset.frequencyHz });
    await this.run(profileId, {
      kind: 'set_mode',
      mode: preset.mode as RigMode,
      passbandHz: preset.passbandHz,
    });
    return this.read(profileId);
  }

  async stop(profileId: string): Promise<void> {
    const rig = this.rigs.get(profileId);
    if (!rig) return;
    this.rigs.delete(profileId);
    rig.client?.close();
    await rig.supervisor?.stop();
    this.ctx.events.publish('radio.rig.status', {
      ...rig.status,
      state: 'stopped',
      pid: null,
      at: this.ctx.now(),
    });
  }

  async stopAll(): Promise<void> {
    await Promise.all([...this.rigs.keys()].map((id) => this.stop(id)));
  }
}
