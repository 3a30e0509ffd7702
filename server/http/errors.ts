import type { ErrorCode, ErrorIssue } from '../../contract/errors';
import { makeHostError } from '../../contract/errorMessages';

/**
 * A refusal the client can act on. Routes throw it; the error handler sends `{error: HostError, ...extra}`
 * with `status`. Nothing has been applied when one is thrown (routes throw before or inside a transaction).
 */
export class HttpFailure extends Error {
  constructor(
    readonly status: number,
    readonly code: ErrorCode,
    readonly params: Record<string, string | number> = {},
    readonly issues?: ErrorIssue[],
    readonly extra: Record<string, unknown> = {},
  ) {
    super(`${status} ${code}: ${JSON.stringify(params)}`);
    this.name = 'HttpFailure';
  }

  body(): Record<string, unknown> {
    return { error: makeHostError(this.code, this.params, this.issues), ...this.extra };
  }
}

export const badRequest = (method: string, detail: string, issues?: ErrorIssue[]): HttpFailure =>
  new HttpFailure(400, 'bad_request', { method, detail }, issues);
