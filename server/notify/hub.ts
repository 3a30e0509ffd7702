/**
 * Fan-out of "new changes" to WebSocket clients. Each server instance holds one dedicated connection that
 * LISTENs on the channel every push NOTIFYs at commit, so a push to instance A wakes consoles connected to
 * instance B. Notifications are hints (consoles then pull), so a lost one only delays; after a reconnect we
 * tell subscribers the current highest server_seq in case something was missed while disconnected.
 */
import pg from 'pg';
import type { Logger } from 'pino';
import { NOTIFY_CHANNEL } from '../sync/store';

export interface ChangeEvent {
  serverSeq: number;
  /** Console whose push caused it (null after a reconnect, when we do not know). */
  consoleId: string | null;
}

type Listener = (e: ChangeEvent) => void;

export class ChangeHub {
  private client: pg.Client | null = null;
  private readonly listeners = new Set<Listener>();
  private closed = false;
  private retryMs = 250;
  private timer: NodeJS.Timeout | null = null;

  constructor(
    private readonly databaseUrl: string,
    private readonly log: Logger,
  ) {}

  subscribe(fn: Listener): () => void {
    this.listeners.add(fn);
    return () => this.listeners.delete(fn);
  }

  /** Resolves once listening, so a test's push right after start is not missed. */
  async start(): Promise<void> {
    await this.connect(false);
  }

  private async connect(isReconnect: boolean): Promise<void> {
    const client = new pg.Client({
      connectionString: this.databaseUrl,
      application_name: 'fengsui-server-listen',
    });
    client.on('notification', (msg) => {
      if (msg.channel !== NOTIFY_CHANNEL || !msg.payload) return;
      try {
        const p = JSON.parse(msg.payload) as { serverSeq?: unknown; consoleId?: unknown };
        if (typeof p.serverSeq !== 'number') return;
        this.emit({
          serverSeq: p.serverSeq,
          consoleId: typeof p.consoleId === 'string' ? p.consoleId : null,
        });
      } catch {
        this.log.warn({ payload: msg.payload.slice(0, 200) }, 'ignoring malformed change notification');
      }
    });
    client.on('error', (err) => {
      this.log.warn({ err }, 'change listener connection failed; reconnecting');
      this.scheduleReconnect(client);
    });
    client.on('end', () => this.scheduleReconnect(client));
    await client.connect();
    await client.query(`LISTEN ${NOTIFY_CHANNEL}`);
    this.client = client;
    this.retryMs = 250;
    if (isReconnect) {
      const { rows } = await client.query<{ m: string | null }>('SELECT max(server_seq) AS m FROM changes');
      const m = Number(rows[0]?.m ?? 0);
      if (m > 0) this.emit({ serverSeq: m, consoleId: null });
    }
  }

  private scheduleReconnect(failed: pg.Client): void {
    if (this.closed || this.client !== failed || this.timer) return;
    this.client = null;
    failed.end().catch(() => undefined);
    const wait = this.retryMs;
    this.retryMs = Math.min(this.retryMs * 2, 10_000);
    this.timer = setTimeout(() => {
      this.timer = null;
      this.connect(true).catch((err: unknown) => {
        this.log.warn({ err }, 'change listener could not reconnect; retrying');
        this.client = failed; // let scheduleReconnect run again
        this.scheduleReconnect(failed);
      });
    }, wait);
    this.timer.unref();
  }

  private emit(e: ChangeEvent): void {
    for (const fn of this.listeners) {
      try {
        fn(e);
      } catch (err) {
        this.log.error({ err }, 'change subscriber failed');
      }
    }
  }

  async close(): Promise<void> {
    this.closed = true;
    if (this.timer) clearTimeout(this.timer);
    const c = this.client;
    this.client = null;
    this.listeners.clear();
    await c?.end().catch(() => undefined);
  }
}
