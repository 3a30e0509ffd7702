/**
 * The central server's push/pull endpoints as seen from a console. Every failure becomes a SyncError whose
 * `kind` tells the client what to do (retry later, reset for a new epoch, park a change, stop and ask a
 * person) and whose message a duty officer can act on. The credential goes only into the Authorization header.
 */
import {
  EpochChangedBodySchema,
  PullResponseSchema,
  PushResponseSchema,
  ServerErrorBodySchema,
  type ErrorIssue,
  type PullResponse,
  type PushResponse,
} from '../../contract';
import type { WireChange } from '../../db/outbox';

export type SyncErrorKind =
  /** No answer (link down, timeout, proxy cut): retry with backoff; the console is offline. */
  | 'network'
  /** 401/403: the credential is wrong or revoked; retrying will not help until a person fixes it. */
  | 'auth'
  /** 400: the server refused part of the batch; `issues` name the changes. */
  | 'refused'
  /** 409 epoch_changed: the server was restored from a backup. */
  | 'epoch'
  /** 413: the batch is too big for this server. */
  | 'too_large'
  /** 429/5xx: the server is there but busy or failing: retry with backoff. */
  | 'busy';

export class SyncError extends Error {
  constructor(
    readonly kind: SyncErrorKind,
    message: string,
    readonly status = 0,
    readonly issues: ErrorIssue[] = [],
    readonly epoch: { epoch: string; highestSeq: number } | null = null,
  ) {
    super(message);
    this.name = 'SyncError';
  }
}

export class SyncHttp {
  private readonly base: string;
  constructor(
    serverUrl: string,
    private readonly credential: string,
    private readonly timeoutMs = 15_000,
    /** Extra headers for pushes: the signed-in operator's session (host/sync/operatorSession.ts). */
    private readonly pushHeaders: () => Record<string, string> = () => ({}),
  ) {
    this.base = serverUrl.replace(/\/+$/, '');
  }

  get wsUrl(): string {
    return `${this.base.replace(/^http/, 'ws')}/v1/ws`;
  }

  get authorization(): string {
    return `Bearer ${this.credential}`;
  }

  /** The body is put together from the changes' ready JSON (WireChange), not serialised again. */
  async push(epoch: string | null, changes: readonly WireChange[]): Promise<PushResponse> {
    let body = `{"epoch":${JSON.stringify(epoch)},"changes":[`;
    for (let i = 0; i < changes.length; i++) body += (i === 0 ? '' : ',') + changes[i]!.json;
    return PushResponseSchema.parse(await this.post('/v1/push', `${body}]}`, this.pushHeaders()));
  }

  async pull(cursor: number, limit: number, epoch: string | null): Promise<PullResponse> {
    return PullResponseSchema.parse(await this.post('/v1/pull', JSON.stringify({ cursor, limit, epoch })));
  }

  /** `body` is JSON text. */
  private async post(path: string, body: string, extra: Record<string, string> = {}): Promise<unknown> {
    let res: Response;
    let text: string;
    try {
      res = await fetch(this.base + path, {
        method: 'POST',
        headers: { ...extra, authorization: this.authorization, 'content-type': 'application/json' },
        body,
        signal: AbortSignal.timeout(this.timeoutMs),
      });
      text = await res.text();
    } catch (e) {
      const cause = (e as { cause?: { code?: string } }).cause?.code ?? (e as Error).name;
      throw new SyncError('network', `the sync server at ${this.base} is not reachable (${cause})`);
    }
    if (res.ok) {
      try {
        return JSON.parse(text) as unknown;
      } catch {
        throw new SyncError('busy', `the sync server sent an unreadable answer (${res.status})`, res.status);
      }
    }
    throw errorFrom(res.status, text, this.base);
  }
}

function errorFrom(status: number, text: string, base: string): SyncError {
  let json: unknown = null;
  try {
    json = JSON.parse(text);
  } catch {
    /* a proxy's HTML page, say */
  }
  const parsed = ServerErrorBodySchema.safeParse(json);
  const message = parsed.success ? parsed.data.error.message : text.slice(0, 200);
  if (status === 409) {
    const epoch = EpochChangedBodySchema.safeParse(json);
    if (epoch.success) {
      return new SyncError('epoch', 'the sync server was restored from a backup; re-sending', status, [], {
        epoch: epoch.data.epoch,
        highestSeq: epoch.data.highestSeq,
      });
    }
  }
  if (status === 401 || status === 403) {
    return new SyncError(
      'auth',
      `the sync server refused this console (${status}: ${message}); check FENGSUI_SYNC_CREDENTIAL or ask the ` +
        'server admin to issue a new device credential',
      status,
    );
  }
  if (status === 413) return new SyncError('too_large', `batch too large for ${base}`, status);
  if (status === 400) {
    return new SyncError('refused', message, status, parsed.success ? (parsed.data.error.issues ?? []) : []);
  }
  return new SyncError('busy', `the sync server answered ${status}: ${message}`, status);
}
