import { HostFailure } from '../../contract';
import type { SerialPortStatus, SerialSettings } from '../../contract/radio';
import { emptyCounters, type Decoded, type InputCounters } from '../../native/radio/bridges/counters';
import type { BackoffOptions } from '../../native/serial/backoff';
import { ManagedSerialPort, type PortFactory } from '../../native/serial/managedPort';
import type { HostContext } from '../context';
import type { SerialMonitor } from './monitor';

interface Entry {
  port: ManagedSerialPort;
  owner: string;
  linkId: string | null;
  counters: InputCounters;
  decode: (data: Buffer) => Decoded[];
}

/**
 * Every serial port the host holds, by path: who holds it (the monitor, a link, a PTT line), its counters and
 * status. Each port has its own reconnect loop and decoder, so one bad or missing device cannot stall another.
 */
export class SerialPortRegistry {
  private readonly ports = new Map<string, Entry>();

  constructor(
    private readonly ctx: HostContext,
    private readonly monitor: SerialMonitor,
    private readonly factory?: PortFactory,
    private readonly backoff?: BackoffOptions,
  ) {}

  get(path: string): { port: ManagedSerialPort; counters: InputCounters } | null {
    const e = this.ports.get(path);
    return e ? { port: e.port, counters: e.counters } : null;
  }

  open(
    settings: SerialSettings,
    owner: string,
    linkId: string | null,
    decode: (data: Buffer, counters: InputCounters) => Decoded[] = () => [],
  ): { port: ManagedSerialPort; counters: InputCounters } {
    const existing = this.ports.get(settings.path);
    if (existing) {
      if (existing.owner === owner) return { port: existing.port, counters: existing.counters };
      throw new HostFailure('unavailable', {
        detail: `${settings.path} (already used by ${existing.owner}; close it there first)`,
      });
    }
    const counters = emptyCounters();
    const entry: Entry = {
      owner,
      linkId,
      counters,
      decode: (d) => decode(d, counters),
      port: new ManagedSerialPort(settings, {
        factory: this.factory,
        backoff: this.backoff,
        onData: (d) => {
          counters.bytesIn += d.length;
          let decoded: Decoded[];
          try {
            decoded = entry.decode(d);
          } catch (e) {
            counters.garbage++;
            decoded = [{ kind: 'garbage', summary: '', problem: `decoder failed: ${(e as Error).message}` }];
          }
          this.monitor.record(settings.path, linkId, 'rx', d, decoded, counters);
        },
        onStatus: () => this.publish(settings.path),
      }),
    };
    this.ports.set(settings.path, entry);
    entry.port.start();
    return { port: entry.port, counters };
  }

  /** Writes and shows the bytes in the monitor as tx. */
  async write(path: string, data: Uint8Array, decoded: Decoded[] = []): Promise<void> {
    const e = this.ports.get(path);
    if (!e) throw new HostFailure('unavailable', { detail: `${path} (not open)` });
    await e.port.write(data);
    e.counters.bytesOut += data.length;
    this.monitor.record(path, e.linkId, 'tx', data, decoded, e.counters);
  }

  status(path: string): SerialPortStatus | null {
    const e = this.ports.get(path);
    if (!e) return null;
    const s = e.port.status;
    return {
      path,
      state: s.state,
      settings: e.port.settings,
      owner: e.owner,
      lastError: s.lastError,
      retryInMs: s.retryInMs,
      attempts: s.attempts,
      counters: { ...e.counters },
      at: this.ctx.now(),
    };
  }

  all(): SerialPortStatus[] {
    return [...this.ports.keys()].map((p) => this.status(p)!);
  }

  private publish(path: string): void {
    const s = this.status(path);
    if (s) this.ctx.events.publish('serial.status', s);
  }

  async close(path: string, owner?: string): Promise<SerialPortStatus | null> {
    const e = this.ports.get(path);
    if (!e) return null;
    if (owner && e.owner !== owner)
      throw new HostFailure('unavailable', { detail: `${path} (held by ${e.owner}; stop that first)` });
    this.ports.delete(path);
    await e.port.close();
    const s: SerialPortStatus = {
      path,
      state: 'closed',
      settings: e.port.settings,
      owner: e.owner,
      lastError: null,
      retryInMs: null,
      attempts: 0,
      counters: { ...e.counters },
      at: this.ctx.now(),
    };
    this.ctx.events.publish('serial.status', s);
    return s;
  }

  async closeAll(): Promise<void> {
    await Promise.all([...this.ports.keys()].map((p) => this.close(p)));
  }
}
