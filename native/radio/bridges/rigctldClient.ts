import { connect, type Socket } from 'node:net';
import { encodeRigCommand, type RigCommand } from '../rigctl/commands';
import { interpretRigReply, type RigState } from '../rigctl/interpret';
import { RigReplyParser, type RigReply } from '../rigctl/reply-parser';

export interface RigctldClientOptions {
  host: string;
  port: number;
  /** A reply slower than this means rigctld (or the radio behind it) is stuck: the socket is reset. */
  timeoutMs?: number;
  connectTimeoutMs?: number;
}

interface Pending {
  text: string;
  /** Sent on a connection that then closed without an answer: resent once on a fresh one. */
  retried?: boolean;
  sentOn?: Socket;
  resolve: (r: RigReply) => void;
  reject: (e: Error) => void;
}

/**
 * A rigctld client on the extended protocol (`+f`, replies end in `RPRT n`). One command in flight at a time,
 * as rigctld answers in order; a timeout drops the socket (a late reply would otherwise be paired with the next
 * command) and the next command reconnects.
 */
export class RigctldClient {
  private socket: Socket | null = null;
  private connecting: Promise<Socket> | null = null;
  private parser = new RigReplyParser();
  private queue: Pending[] = [];
  private inFlight: Pending | null = null;
  private timer: NodeJS.Timeout | null = null;
  private closed = false;

  constructor(private readonly options: RigctldClientOptions) {}

  get endpoint(): string {
    return `${this.options.host}:${this.options.port}`;
  }

  /** Sends one command and resolves with its reply; rejects with a readable reason on failure. */
  async run(cmd: RigCommand): Promise<RigState> {
    const enc = encodeRigCommand(cmd);
    if (!enc.ok) throw new Error(enc.reason);
    const reply = await new Promise<RigReply>((resolve, reject) => {
      this.queue.push({ text: enc.text, resolve, reject });
      this.pump();
    });
    const r = interpretRigReply(reply);
    if (!r.ok) throw new Error(r.reason);
    return r.state;
  }

  private pump(): void {
    if (this.inFlight || this.queue.length === 0 || this.closed) return;
    const next = this.queue.shift()!;
    this.inFlight = next;
    this.ensureSocket().then(
      (socket) => {
        if (this.inFlight !== next) return;
        this.timer = setTimeout(() => {
          this.fail(
            new Error(
              `rigctld at ${this.endpoint} did not answer within ${this.options.timeoutMs ?? 2000} ms`,
            ),
          );
          this.reset();
        }, this.options.timeoutMs ?? 2000);
        next.sentOn = socket;
        socket.write(next.text);
      },
      (e: Error) => {
        if (this.inFlight === next) this.fail(e);
      },
    );
  }

  private fail(e: Error): void {
    const p = this.inFlight;
    this.inFlight = null;
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    p?.reject(e);
    queueMicrotask(() => this.pump());
  }

  private ensureSocket(): Promise<Socket> {
    if (this.socket) return Promise.resolve(this.socket);
    if (this.connecting) return this.connecting;
    this.connecting = new Promise<Socket>((resolve, reject) => {
      const s = connect({ host: this.options.host, port: this.options.port });
      const t = setTimeout(() => {
        s.destroy();
        reject(new Error(`rigctld at ${this.endpoint} did not accept a connection`));
      }, this.options.connectTimeoutMs ?? 2000);
      s.setNoDelay(true);
      s.once('connect', () => {
        clearTimeout(t);
        this.parser = new RigReplyParser();
        this.socket = s;
        resolve(s);
      });
      s.on('data', (d) => this.onData(d));
      s.on('error', (e) => {
        clearTimeout(t);
        reject(new Error(`rigctld at ${this.endpoint} is not reachable (${e.message}); is it running?`));
      });
      s.on('close', () => {
        if (this.socket === s) this.socket = null;
        const p = this.inFlight;
        if (!p || p.sentOn !== s) return;
        if (!p.retried) {
          // rigctld drops a connection now and then (a restart, or a probe racing our connect); every command
          // we send is idempotent (set to a value, or read), so one resend on a fresh connection is safe.
          p.retried = true;
          this.inFlight = null;
          if (this.timer) clearTimeout(this.timer);
          this.timer = null;
          this.queue.unshift(p);
          queueMicrotask(() => this.pump());
          return;
        }
        this.fail(new Error(`rigctld at ${this.endpoint} closed the connection`));
      });
    }).finally(() => {
      this.connecting = null;
    });
    return this.connecting;
  }

  private onData(d: Buffer): void {
    for (const ev of this.parser.push(d)) {
      if (!this.inFlight) continue; // a reply nobody waits for (after a timeout): drop it
      const p = this.inFlight;
      this.inFlight = null;
      if (this.timer) clearTimeout(this.timer);
      this.timer = null;
      if (ev.ok) p.resolve(ev.reply);
      else p.reject(new Error(`rigctld protocol error: ${ev.error.message}`));
      this.pump();
    }
  }

  /** Drops the connection; the next command reconnects (rigctld restarted, or a timeout). */
  reset(): void {
    this.socket?.destroy();
    this.socket = null;
  }

  close(): void {
    this.closed = true;
    this.reset();
    const err = new Error('rig control closed');
    this.inFlight?.reject(err);
    this.inFlight = null;
    for (const p of this.queue.splice(0)) p.reject(err);
    if (this.timer) clearTimeout(this.timer);
  }
}
