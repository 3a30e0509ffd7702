/**
 * The signed-in operators' sessions at the central server. When someone signs in on this console, the host
 * also signs them in at the server (device credential + their user name and password) so pushes name a person
 * the server has checked itself. Local sign-in never waits for this: the attempt runs in the background, and
 * while the server cannot be reached the password is kept — in this process's memory only, never on disk or in
 * a log — and the attempt retried with backoff until it gets an answer. Any answer ends the retrying: on success
 * the password is dropped and only the session token is kept (memory again); a refusal (wrong password, account
 * disabled or locked on the server) is shown in the sync details and not retried, so the host never locks an
 * account out by itself.
 */
import {
  OPERATOR_HEADER,
  OperatorSessionResponseSchema,
  ServerErrorBodySchema,
  type OperatorSessionResponse,
} from '../../contract';
import type { Logger } from 'pino';
import { backoffDelay } from './backoff';

export type OperatorServerState = 'pending' | 'signed_in' | 'refused' | 'expired';

export interface OperatorServerStatus {
  username: string;
  state: OperatorServerState;
  /** Why it is pending or refused, in words a duty officer can act on. */
  detail: string | null;
  expiresAt: number | null;
}

export interface OperatorSessionOptions {
  serverUrl: string;
  credential: string;
  log: Pick<Logger, 'info' | 'warn'>;
  now?: () => number;
  retryBaseMs?: number;
  retryMaxMs?: number;
  timeoutMs?: number;
}

interface Entry {
  username: string;
  /** Kept only until the server has answered. */
  password: string | null;
  session: OperatorSessionResponse | null;
  refusal: string | null;
  attempt: number;
  timer: NodeJS.Timeout | null;
  inFlight: boolean;
  /** Order of sign-in: the most recent live session is the one pushes carry. */
  since: number;
}

type Outcome =
  | { kind: 'ok'; session: OperatorSessionResponse }
  | { kind: 'refused'; detail: string }
  | { kind: 'retry'; detail: string };

export class OperatorSessions {
  private readonly entries = new Map<string, Entry>();
  private readonly base: string;
  private readonly now: () => number;
  private order = 0;
  private closed = false;

  constructor(private readonly o: OperatorSessionOptions) {
    this.base = o.serverUrl.replace(/\/+$/, '');
    this.now = o.now ?? Date.now;
  }

  /** A person signed in on this console: sign them in at the server too, in the background. */
  signedIn(username: string, password: string): void {
    if (this.closed) return;
    this.forget(username);
    const entry: Entry = {
      username,
      password,
      session: null,
      refusal: null,
      attempt: 0,
      timer: null,
      inFlight: false,
      since: ++this.order,
    };
    this.entries.set(username, entry);
    void this.attempt(entry);
  }

  /** Nobody is signed in as `username` on this console any more: end the server session too (best effort). */
  signedOut(username: string): void {
    const entry = this.entries.get(username);
    if (!entry) return;
    this.forget(username);
    if (entry.session) void this.request('DELETE', entry.session.token).catch(() => undefined);
  }

  /** Try the pending sign-ins now (the sync client just reached the server). */
  retryNow(): void {
    for (const e of this.entries.values()) {
      if (e.password === null || e.inFlight) continue;
      if (e.timer) clearTimeout(e.timer);
      e.timer = null;
      void this.attempt(e);
    }
  }

  /** The header for a push: the most recently signed-in operator whose server session is still valid. */
  headers(): Record<string, string> {
    let best: Entry | null = null;
    for (const e of this.entries.values()) {
      if (e.session && e.session.expiresAt > this.now() && (!best || e.since > best.since)) best = e;
    }
    return best?.session ? { [OPERATOR_HEADER]: best.session.token } : {};
  }

  status(): OperatorServerStatus[] {
    return [...this.entries.values()]
      .sort((a, b) => b.since - a.since)
      .map((e) => {
        if (e.session) {
          const expired = e.session.expiresAt <= this.now();
          return {
            username: e.username,
            state: expired ? 'expired' : 'signed_in',
            detail: expired ? 'the server session ended; sign in again on this console' : null,
            expiresAt: e.session.expiresAt,
          };
        }
        if (e.refusal) return { username: e.username, state: 'refused', detail: e.refusal, expiresAt: null };
        return { username: e.username, state: 'pending', detail: null, expiresAt: null };
      });
  }

  close(): void {
    this.closed = true;
    for (const u of [...this.entries.keys()]) this.forget(u);
  }

  private forget(username: string): void {
    const e = this.entries.get(username);
    if (!e) return;
    if (e.timer) clearTimeout(e.timer);
    e.password = null;
    this.entries.delete(username);
  }

  private async attempt(entry: Entry): Promise<void> {
    if (entry.password === null || this.closed) return;
    entry.inFlight = true;
    const outcome = await this.signInAtServer(entry.username, entry.password);
    entry.inFlight = false;
    // Signed out (or signed in again) meanwhile: nobody holds this entry any more, so end what it opened.
    if (this.entries.get(entry.username) !== entry) {
      if (outcome.kind === 'ok') void this.request('DELETE', outcome.session.token).catch(() => undefined);
      return;
    }
    if (outcome.kind === 'ok') {
      entry.password = null;
      entry.session = outcome.session;
      this.o.log.info({ operator: entry.username }, 'operator signed in at the sync server');
    } else if (outcome.kind === 'refused') {
      entry.password = null;
      entry.refusal = outcome.detail;
      this.o.log.warn(
        { operator: entry.username, detail: outcome.detail },
        'sync server refused operator sign-in',
      );
    } else {
      entry.refusal = null;
      const wait = backoffDelay(entry.attempt++, this.o.retryBaseMs ?? 2000, this.o.retryMaxMs ?? 60_000);
      entry.timer = setTimeout(() => {
        entry.timer = null;
        void this.attempt(entry);
      }, wait);
      entry.timer.unref();
    }
  }

  private async signInAtServer(username: string, password: string): Promise<Outcome> {
    let res: Response;
    let text: string;
    try {
      res = await this.request('POST', null, { username, password });
      text = await res.text();
    } catch (e) {
      const cause = (e as { cause?: { code?: string } }).cause?.code ?? (e as Error).name;
      return { kind: 'retry', detail: `the sync server is not reachable (${cause})` };
    }
    let json: unknown = null;
    try {
      json = JSON.parse(text);
    } catch {
      /* a proxy's page */
    }
    if (res.status === 201) {
      const parsed = OperatorSessionResponseSchema.safeParse(json);
      return parsed.success
        ? { kind: 'ok', session: parsed.data }
        : { kind: 'retry', detail: 'the sync server sent an unreadable answer' };
    }
    const error = ServerErrorBodySchema.safeParse(json);
    const message = error.success ? error.data.error.message : `HTTP ${res.status}`;
    // 4xx other than a timeout-ish 408: the server answered and said no; asking again will not change that.
    if (res.status >= 400 && res.status < 500 && res.status !== 408)
      return { kind: 'refused', detail: message };
    return { kind: 'retry', detail: message };
  }

  private request(method: 'POST' | 'DELETE', token: string | null, body?: unknown): Promise<Response> {
    const headers: Record<string, string> = { authorization: `Bearer ${this.o.credential}` };
    if (token) headers[OPERATOR_HEADER] = token;
    if (body !== undefined) headers['content-type'] = 'application/json';
    return fetch(`${this.base}/v1/session`, {
      method,
      headers,
      body: body === undefined ? undefined : JSON.stringify(body),
      signal: AbortSignal.timeout(this.o.timeoutMs ?? 15_000),
    });
  }
}
