/**
 * The server's "new changes" WebSocket. Only a hint: the client also pulls on a timer, so a missed or refused
 * socket costs latency, never data. Reconnects with jittered backoff until closed.
 */
import WebSocket from 'ws';
import { SyncNotificationSchema, type SyncNotification } from '../../contract';
import { backoffDelay } from './backoff';

export interface NotifierOptions {
  url: string;
  authorization: string;
  onMessage(m: SyncNotification): void;
  onConnected(connected: boolean): void;
  baseDelayMs?: number;
  maxDelayMs?: number;
}

export class SyncNotifier {
  private socket: WebSocket | null = null;
  private timer: NodeJS.Timeout | null = null;
  private attempt = 0;
  private closed = false;

  constructor(private readonly o: NotifierOptions) {}

  start(): void {
    this.connect();
  }

  private connect(): void {
    if (this.closed) return;
    const ws = new WebSocket(this.o.url, {
      headers: { authorization: this.o.authorization },
      handshakeTimeout: 10_000,
    });
    this.socket = ws;
    ws.on('open', () => {
      this.attempt = 0;
      this.o.onConnected(true);
    });
    ws.on('message', (data) => {
      const parsed = SyncNotificationSchema.safeParse(safeJson(String(data)));
      if (parsed.success) this.o.onMessage(parsed.data);
    });
    ws.on('error', () => undefined); // 'close' follows; the sync status reports the push/pull errors
    ws.on('close', () => {
      if (this.socket === ws) this.socket = null;
      this.o.onConnected(false);
      this.scheduleReconnect();
    });
  }

  private scheduleReconnect(): void {
    if (this.closed || this.timer) return;
    const delay = backoffDelay(this.attempt++, this.o.baseDelayMs ?? 500, this.o.maxDelayMs ?? 30_000);
    this.timer = setTimeout(() => {
      this.timer = null;
      this.connect();
    }, delay);
    this.timer.unref();
  }

  close(): void {
    this.closed = true;
    if (this.timer) clearTimeout(this.timer);
    this.socket?.terminate();
    this.socket = null;
  }
}

function safeJson(s: string): unknown {
  try {
    return JSON.parse(s);
  } catch {
    return null;
  }
}
