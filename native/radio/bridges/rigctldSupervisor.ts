import { spawn, type ChildProcess } from 'node:child_process';
import { connect, createServer } from 'node:net';
import { Backoff } from '../../serial/backoff';

export type SupervisorState = 'stopped' | 'starting' | 'up' | 'reconnecting' | 'failed';

export interface RigctldSupervisorOptions {
  model: number;
  /** CAT device (`-r`); empty for the dummy rig. */
  device?: string;
  baudRate?: number | null;
  /** PTT through CAT (`-P RIG`); without it the dummy rig refuses PTT. */
  pttViaRig?: boolean;
  /** Loopback port; null/undefined = a free one. */
  port?: number | null;
  binary?: string;
  onStatus: (s: {
    state: SupervisorState;
    pid: number | null;
    restarts: number;
    error: string | null;
    endpoint: string | null;
  }) => void;
  log?: (line: string) => void;
}

export function freeLoopbackPort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const port = (srv.address() as { port: number }).port;
      srv.close(() => resolve(port));
    });
  });
}

function canConnect(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const s = connect({ host: '127.0.0.1', port });
    s.once('connect', () => {
      s.destroy();
      resolve(true);
    });
    s.once('error', () => resolve(false));
  });
}

/**
 * Runs the host's own rigctld for one radio (always on 127.0.0.1, never reachable from the network) and
 * restarts it with backoff when it dies. rigctld probes the radio on every client connection, so exactly one
 * instance per radio is kept, and the console's client reconnects to it.
 */
export class RigctldSupervisor {
  private child: ChildProcess | null = null;
  private port = 0;
  private wanted = false;
  private restarts = 0;
  private timer: NodeJS.Timeout | null = null;
  private readonly backoff = new Backoff({ initialMs: 300, maxMs: 10_000 });
  private lastError: string | null = null;

  constructor(private readonly options: RigctldSupervisorOptions) {}

  get endpoint(): { host: string; port: number } {
    return { host: '127.0.0.1', port: this.port };
  }

  get pid(): number | null {
    return this.child?.pid ?? null;
  }

  /** Starts rigctld and resolves once it accepts connections. */
  async start(): Promise<void> {
    this.wanted = true;
    this.port = this.options.port ?? (await freeLoopbackPort());
    await this.launch();
  }

  private emit(state: SupervisorState): void {
    this.options.onStatus({
      state,
      pid: this.pid,
      restarts: this.restarts,
      error: this.lastError,
      endpoint: this.port ? `127.0.0.1:${this.port}` : null,
    });
  }

  private async launch(): Promise<void> {
    this.timer = null;
    if (!this.wanted) return;
    this.emit('starting');
    const o = this.options;
    const args = ['-m', String(o.model), '-T', '127.0.0.1', '-t', String(this.port)];
    if (o.device) args.push('-r', o.device);
    if (o.baudRate) args.push('-s', String(o.baudRate));
    if (o.pttViaRig) args.push('-P', 'RIG');
    let stderr = '';
    const child = spawn(o.binary ?? 'rigctld', args, { stdio: ['ignore', 'ignore', 'pipe'] });
    this.child = child;
    // If the host exits without close() (a crash, Electron quitting hard), take rigctld with it: an orphaned
    // rigctld would hold the radio's CAT port, and possibly its PTT.
    const reap = () => child.kill('SIGKILL');
    process.once('exit', reap);
    child.once('exit', () => process.removeListener('exit', reap));
    child.stderr?.on('data', (d: Buffer) => {
      stderr = (stderr + d.toString()).slice(-2000);
      o.log?.(d.toString());
    });
    const exited = new Promise<void>((resolve) => {
      child.once('error', (e) => {
        this.lastError =
          (e as NodeJS.ErrnoException).code === 'ENOENT'
            ? 'rigctld is not installed (apt-get install libhamlib-utils)'
            : `rigctld could not start: ${e.message}`;
        resolve();
      });
      child.once('exit', (code, signal) => {
        if (!this.lastError || this.child === child)
          this.lastError = `rigctld exited (${signal ?? `code ${code}`})${stderr ? `: ${stderr.trim().split('\n').pop()}` : ''}`;
        resolve();
      });
    });
    void exited.then(() => {
      if (this.child !== child) return;
      this.child = null;
      if (!this.wanted) return;
      this.restarts++;
      const delay = this.backoff.next();
      this.emit('reconnecting');
      this.timer = setTimeout(() => void this.launch().catch(() => undefined), delay);
      this.timer.unref?.();
    });
    const deadline = Date.now() + 5000;
    while (Date.now() < deadline && this.child === child) {
      if (await canConnect(this.port)) {
        this.backoff.reset();
        this.lastError = null;
        this.emit('up');
        return;
      }
      await new Promise((r) => setTimeout(r, 50));
    }
    if (this.child === child) {
      this.lastError = `rigctld did not listen on 127.0.0.1:${this.port} within 5 s`;
      child.kill('SIGKILL');
    }
    throw new Error(this.lastError ?? 'rigctld failed to start');
  }

  async stop(): Promise<void> {
    this.wanted = false;
    if (this.timer) clearTimeout(this.timer);
    const child = this.child;
    this.child = null;
    if (child && child.exitCode === null && child.signalCode === null) {
      await new Promise<void>((resolve) => {
        const t = setTimeout(() => {
          child.kill('SIGKILL');
          resolve();
        }, 1000);
        child.once('exit', () => {
          clearTimeout(t);
          resolve();
        });
        child.kill('SIGTERM');
      });
    }
    this.emit('stopped');
  }
}
