import { connect, type Socket } from 'node:net';
import { Backoff, type BackoffOptions } from '../../serial/backoff';

export type TcpLinkState = 'connecting' | 'up' | 'reconnecting' | 'stopped';

export interface KissTcpLinkOptions {
  host: string;
  port: number;
  backoff?: BackoffOptions;
  onData: (chunk: Buffer) => void;
  onState: (state: TcpLinkState, error: string | null, retryInMs: number | null) => void;
}

/**
 * KISS over TCP (direwolf's KISSPORT): one socket kept connected, reconnected with backoff when the TNC
 * restarts. Frames are written whole; while the TNC is away a send fails at once with the reason.
 */
export class KissTcpLink {
  private socket: Socket | null = null;
  private up = false;
  private wanted = false;
  private timer: NodeJS.Timeout | null = null;
  private readonly backoff: Backoff;

  constructor(private readonly options: KissTcpLinkOptions) {
    this.backoff = new Backoff(options.backoff);
  }

  start(): void {
    if (this.wanted) return;
    this.wanted = true;
    this.dial();
  }

  private dial(): void {
    this.timer = null;
    if (!this.wanted) return;
    const { host, port } = this.options;
    this.options.onState(this.backoff.attempts ? 'reconnecting' : 'connecting', null, null);
    const socket = connect({ host, port });
    this.socket = socket;
    socket.setNoDelay(true);
    socket.setKeepAlive(true, 10_000);
    socket.on('connect', () => {
      this.up = true;
      this.backoff.reset();
      this.options.onState('up', null, null);
    });
    socket.on('data', (d) => this.options.onData(d));
    socket.on('error', () => undefined); // 'close' follows and carries the story
    socket.on('close', (hadError) => {
      if (this.socket !== socket) return;
      this.up = false;
      this.socket = null;
      if (!this.wanted) return;
      const delay = this.backoff.next();
      this.options.onState(
        'reconnecting',
        `KISS TCP ${host}:${port} ${hadError ? 'refused or failed' : 'closed by the TNC'}; is direwolf running with KISSPORT ${port}?`,
        delay,
      );
      this.timer = setTimeout(() => this.dial(), delay);
      this.timer.unref?.();
    });
  }

  send(frame: Uint8Array): Promise<void> {
    const s = this.socket;
    if (!s || !this.up)
      return Promise.reject(new Error(`KISS TCP ${this.options.host}:${this.options.port} is not connected`));
    return new Promise((resolve, reject) => s.write(frame, (e) => (e ? reject(e) : resolve())));
  }

  stop(): void {
    this.wanted = false;
    if (this.timer) clearTimeout(this.timer);
    this.socket?.destroy();
    this.socket = null;
    this.up = false;
    this.options.onState('stopped', null, null);
  }
}
