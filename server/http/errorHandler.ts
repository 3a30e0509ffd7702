import type { FastifyError, FastifyInstance } from 'fastify';
import { ZodError } from 'zod';
import { zodIssues } from '../../contract/errors';
import { HttpFailure, badRequest } from './errors';

/** Every failure leaves as `{error: {code, message, key, params}}` and is logged once with its cause. */
export function installErrorHandling(app: FastifyInstance, bodyLimit: number): void {
  app.setErrorHandler((err: FastifyError | HttpFailure | ZodError | Error, request, reply) => {
    const failure = toFailure(err, request.method, request.url, bodyLimit, request.headers['content-length']);
    if (failure.status >= 500) request.log.error({ err }, 'request failed');
    else
      request.log.warn(
        { status: failure.status, code: failure.code, detail: failure.params.detail ?? failure.message },
        'request refused',
      );
    return reply.code(failure.status).type('application/json').send(failure.body());
  });
  app.setNotFoundHandler((request, reply) => {
    const f = new HttpFailure(404, 'not_found', {
      entity: 'endpoint',
      id: `${request.method} ${request.url.split('?')[0]}`,
    });
    request.log.warn({ status: 404 }, 'unknown endpoint');
    return reply.code(404).send(f.body());
  });
}

function toFailure(
  err: unknown,
  method: string,
  url: string,
  bodyLimit: number,
  length: string | undefined,
): HttpFailure {
  if (err instanceof HttpFailure) return err;
  const what = `${method} ${url.split('?')[0]}`;
  if (err instanceof ZodError) {
    const issues = zodIssues(err);
    return badRequest(what, `${issues[0]?.path}: ${issues[0]?.message}`, issues);
  }
  const e = err as FastifyError;
  if (e.code === 'FST_ERR_CTP_BODY_TOO_LARGE' || e.statusCode === 413) {
    return new HttpFailure(413, 'payload_too_large', {
      size: length ?? 'more than the limit',
      limit: bodyLimit,
    });
  }
  if (e.code === 'FST_ERR_CTP_INVALID_MEDIA_TYPE' || e.statusCode === 415) {
    return new HttpFailure(415, 'bad_request', { method: what, detail: 'send the body as application/json' });
  }
  if (typeof e.statusCode === 'number' && e.statusCode >= 400 && e.statusCode < 500) {
    return badRequest(what, e.message);
  }
  return new HttpFailure(500, 'internal', { detail: 'see the server log' });
}
