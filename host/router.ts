import { randomUUID } from 'node:crypto';
import {
  HostFailure,
  MAX_FRAME_BYTES,
  RequestFrameSchema,
  isMethodName,
  makeHostError,
  methods,
  zodIssues,
  type HostError,
  type MethodName,
  type MethodParamsParsed,
  type MethodResult,
  type ResponseFrame,
} from '../contract';
import type { CallContext } from './context';
import { runInCall } from './callScope';
import type { Logger } from './logger';

export type Handler<M extends MethodName> = (
  params: MethodParamsParsed<M>,
  call: CallContext,
) => MethodResult<M> | Promise<MethodResult<M>>;

/** A feature's handlers. Each feature exports one of these; the router joins them. */
export type HandlerMap = { [M in MethodName]?: Handler<M> };

export function defineHandlers<T extends HandlerMap>(map: T): T {
  return map;
}

export interface RouterOptions {
  log: Logger;
  /** Check results against the contract too (tests turn this on; it costs a second parse per call). */
  validateResults?: boolean;
  /** Allow a partial handler set (unit tests of one feature). */
  allowMissing?: boolean;
  /**
   * Decides whether a call may run (sign-in, role) before its params are even read, and returns the call as the
   * handler should see it (with the acting operator). Throws a HostFailure (`unauthorized`, `forbidden`).
   */
  gate?: (method: MethodName, call: CallContext) => CallContext;
}

/**
 * Validates every call against the contract and dispatches it. A feature registering a method twice, a
 * handler for a method the contract lacks, or (in the product) a contract method nobody handles, stops start-up:
 * those are programming errors, better found by the first test than by an operator.
 */
export class Router {
  private readonly handlers = new Map<MethodName, Handler<MethodName>>();

  constructor(
    maps: readonly HandlerMap[],
    private readonly options: RouterOptions,
  ) {
    for (const map of maps) {
      for (const [name, handler] of Object.entries(map)) {
        if (!isMethodName(name))
          throw new Error(`handler registered for "${name}", which the contract does not define`);
        if (this.handlers.has(name)) throw new Error(`method "${name}" is registered by two features`);
        this.handlers.set(name, handler as Handler<MethodName>);
      }
    }
    if (!options.allowMissing) {
      const missing = Object.keys(methods).filter((m) => !this.handlers.has(m as MethodName));
      if (missing.length) throw new Error(`no handler for contract methods: ${missing.join(', ')}`);
    }
  }

  /** Handles one raw frame (text from a socket or port) and returns the response frame. Never throws. */
  async handleText(text: string, call: CallContext): Promise<ResponseFrame> {
    const size = Buffer.byteLength(text, 'utf8');
    if (size > MAX_FRAME_BYTES) {
      return fail(null, makeHostError('payload_too_large', { size, limit: MAX_FRAME_BYTES }));
    }
    let parsed: unknown;
    try {
      parsed = JSON.parse(text);
    } catch {
      return fail(
        null,
        makeHostError('bad_request', { method: '(frame)', detail: 'the message is not valid JSON' }),
      );
    }
    return this.handleFrame(parsed, call);
  }

  async handleFrame(frame: unknown, call: CallContext): Promise<ResponseFrame> {
    const req = RequestFrameSchema.safeParse(frame);
    if (!req.success) {
      const id = typeof (frame as { id?: unknown })?.id === 'number' ? (frame as { id: number }).id : null;
      return fail(
        id,
        makeHostError(
          'bad_request',
          { method: '(frame)', detail: 'a request needs t:"req", a numeric id and a method name' },
          zodIssues(req.error),
        ),
      );
    }
    const { id, method, params } = req.data;
    if (!isMethodName(method))
      return fail(id, makeHostError('unknown_method', { method: method.slice(0, 100) }));
    const handler = this.handlers.get(method);
    if (!handler) return fail(id, makeHostError('unknown_method', { method }));
    if (this.options.gate) {
      try {
        call = this.options.gate(method, call);
      } catch (e) {
        return fail(id, this.toHostError(e, method));
      }
    }

    const spec = methods[method];
    const p = spec.params.safeParse(params);
    if (!p.success) {
      const issues = zodIssues(p.error);
      return fail(
        id,
        makeHostError(
          'bad_request',
          { method, detail: issues.map((i) => `${i.path}: ${i.message}`).join('; ') },
          issues,
        ),
      );
    }
    try {
      const gated = call;
      const result = await runInCall(gated, () => handler(p.data as never, gated));
      if (this.options.validateResults) {
        const r = spec.result.safeParse(result);
        if (!r.success) {
          throw new Error(`result of ${method} breaks the contract: ${JSON.stringify(zodIssues(r.error))}`);
        }
      }
      return { t: 'res', id, ok: true, result };
    } catch (e) {
      return fail(id, this.toHostError(e, method));
    }
  }

  private toHostError(e: unknown, method: string): HostError {
    if (e instanceof HostFailure) return makeHostError(e.code, e.params, e.issues);
    const err = e as Error & { code?: string };
    if (typeof err?.code === 'string' && err.code.startsWith('SQLITE_')) {
      this.options.log.error({ method, err: { message: err.message, code: err.code } }, 'storage error');
      return makeHostError('storage', { detail: err.code });
    }
    const ref = randomUUID().slice(0, 8);
    this.options.log.error(
      { method, ref, err: { message: err?.message, stack: err?.stack } },
      'handler failed',
    );
    return makeHostError('internal', { detail: `reference ${ref}` });
  }
}

function fail(id: number | null, error: HostError): ResponseFrame {
  return { t: 'res', id, ok: false, error };
}
