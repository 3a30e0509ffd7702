import { SerialPort } from 'serialport';
import { Backoff, type BackoffOptions } from './backoff';
import { describeLineError, SerialLineError } from './lineError';

export interface PortSettings {
  path: string;
  baudRate: number;
  dataBits: 5 | 6 | 7 | 8;
  parity: 'none' | 'even' | 'odd' | 'mark' | 'space';
  stopBits: 1 | 1.5 | 2;
  flow: 'none' | 'rtscts' | 'xonxoff';
}

export type PortState = 'closed' | 'opening' | 'open' | 'reconnecting' | 'failed';

export interface PortStatusChange {
  state: PortState;
  lastError: string | null;
  retryInMs: number | null;
  attempts: number;
}

/** The subset of a serialport stream we use; `SerialPort` and `SerialPortMock` both provide it. */
export interface PortStream {
  readonly isOpen: boolean;
  open(cb: (err: Error | null) => void): void;
  close(cb?: (err: Error | null) => void): void;
  write(data: Uint8Array, cb?: (err: Error | null | undefined) => void): boolean;
  drain(cb: (err: Error | null) => void): void;
  set(options: { rts?: boolean; dtr?: boolean }, cb: (err: Error | null) => void): void;
  on(event: 'data', cb: (d: Buffer) => void): this;
  on(event: 'close' | 'error', cb: (e?: Error & { disconnected?: boolean }) => void): this;
  removeAllListeners(): this;
}

export type PortFactory = (settings: PortSettings) => PortStream;

export const realPortFactory: PortFactory = (s) =>
  new SerialPort({
    path: s.path,
    baudRate: s.baudRate,
    dataBits: s.dataBits,
    parity: s.parity,
    stopBits: s.stopBits,
    rtscts: s.flow === 'rtscts',
    xon: s.flow === 'xonxoff',
    xoff: s.flow === 'xonxoff',
    autoOpen: false,
    // Exclusive access (TIOCEXCL) is what keeps two programs from fighting over a TNC, but on a pty it
    // blocks reopening the same path until every holder closes; duty-room workstations own their ports.
    lock: true,
  }) as unknown as PortStream;

export interface ManagedPortOptions {
  factory?: PortFactory;
  backoff?: BackoffOptions;
  onData?: (data: Buffer) => void;
  onStatus?: (s: PortStatusChange) => void;
}

function explainOpenError(path: string, e: Error): string {
  const m = e.message;
  if (/ENOENT|No such file/i.test(m))
    return `${path} does not exist (unplugged, or a different device name). Waiting for it to come back.`;
  if (/EACCES|Permission denied/i.test(m))
    return `No permission to open ${path}. Add the console's user to the "dialout" group and log in again.`;
  if (/EBUSY|Resource busy|Cannot lock port/i.test(m))
    return `${path} is in use by another program (close it, e.g. another terminal or gpsd).`;
  return `${path}: ${m}`;
}

/**
 * One serial device that stays open: opens with the technician's settings, and when the device goes away (USB
 * unplugged, socat killed) reopens it with backoff until it is back or the port is closed on purpose. Never
 * throws from its event handlers: a port that keeps failing just keeps reporting, and other ports are untouched.
 */
export class ManagedSerialPort {
  private port: PortStream | null = null;
  private state: PortState = 'closed';
  private lastError: string | null = null;
  private retryInMs: number | null = null;
  private timer: NodeJS.Timeout | null = null;
  private wanted = false;
  private readonly backoff: Backoff;
  private readonly factory: PortFactory;

  constructor(
    readonly settings: PortSettings,
    private readonly options: ManagedPortOptions = {},
  ) {
    this.backoff = new Backoff(options.backoff);
    this.factory = options.factory ?? realPortFactory;
  }

  get status(): PortStatusChange {
    return {
      state: this.state,
      lastError: this.lastError,
      retryInMs: this.retryInMs,
      attempts: this.backoff.attempts,
    };
  }

  get isOpen(): boolean {
    return this.state === 'open' && !!this.port?.isOpen;
  }

  start(): void {
    if (this.wanted) return;
    this.wanted = true;
    this.attempt();
  }

  private setState(state: PortState, error: string | null = this.lastError, retryInMs: number | null = null) {
    this.state = state;
    this.lastError = error;
    this.retryInMs = retryInMs;
    try {
      this.options.onStatus?.(this.status);
    } catch {
      // a listener's failure must not break the port
    }
  }

  private attempt(): void {
    this.timer = null;
    if (!this.wanted) return;
    this.setState(this.backoff.attempts ? 'reconnecting' : 'opening');
    let port: PortStream;
    try {
      port = this.factory(this.settings);
    } catch (e) {
      this.scheduleRetry(explainOpenError(this.settings.path, e as Error));
      return;
    }
    this.port = port;
    port.on('data', (d) => {
      try {
        this.options.onData?.(d);
      } catch {
        // decoding problems are counted by the consumer; never let them close the port
      }
    });
    port.on('error', (e) => {
      if (e && this.port === port && this.state === 'open') this.lost(port, e.message);
    });
    port.on('close', (e) => {
      if (this.port === port && this.wanted) this.lost(port, e?.message ?? 'the device closed');
    });
    port.open((err) => {
      if (this.port !== port) return;
      if (err) {
        port.removeAllListeners();
        this.port = null;
        this.scheduleRetry(explainOpenError(this.settings.path, err));
        return;
      }
      if (!this.wanted) {
        port.close();
        return;
      }
      this.backoff.reset();
      this.setState('open', null);
    });
  }

  private lost(port: PortStream, why: string): void {
    port.removeAllListeners();
    port.on('error', () => undefined);
    if (port.isOpen) port.close(() => undefined);
    this.port = null;
    this.scheduleRetry(`${this.settings.path} went away (${why}). Reconnecting.`);
  }

  private scheduleRetry(error: string): void {
    if (!this.wanted) return;
    const delay = this.backoff.next();
    this.setState('reconnecting', error, delay);
    this.timer = setTimeout(() => this.attempt(), delay);
    this.timer.unref?.();
  }

  /** Writes and waits until the bytes left the driver; refuses while the device is away. */
  write(data: Uint8Array): Promise<void> {
    const port = this.port;
    if (!port || !this.isOpen)
      return Promise.reject(
        new Error(
          `${this.settings.path} is not open (${this.state}${this.lastError ? `: ${this.lastError}` : ''})`,
        ),
      );
    return new Promise((resolve, reject) => {
      port.write(data, (err) => {
        if (err) reject(err);
      });
      port.drain((err) => (err ? reject(err) : resolve()));
    });
  }

  /** Drives RTS/DTR (PTT keying). A pty or an adapter without the lines rejects with a readable reason. */
  setLines(lines: { rts?: boolean; dtr?: boolean }): Promise<void> {
    const port = this.port;
    const which = Object.keys(lines)
      .map((k) => k.toUpperCase())
      .join('/');
    if (!port || !this.isOpen)
      return Promise.reject(
        new SerialLineError(describeLineError(this.settings.path, which, new Error('not open'))),
      );
    return new Promise((resolve, reject) => {
      try {
        port.set(lines, (err) =>
          err ? reject(new SerialLineError(describeLineError(this.settings.path, which, err))) : resolve(),
        );
      } catch (e) {
        reject(new SerialLineError(describeLineError(this.settings.path, which, e)));
      }
    });
  }

  /** Closes on purpose: no reconnect afterwards. */
  close(): Promise<void> {
    this.wanted = false;
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    const port = this.port;
    this.port = null;
    this.backoff.reset();
    return new Promise((resolve) => {
      const done = () => {
        this.setState('closed', null);
        resolve();
      };
      if (!port) return done();
      port.removeAllListeners();
      port.on('error', () => undefined);
      if (!port.isOpen) return done();
      port.close(() => done());
    });
  }
}
