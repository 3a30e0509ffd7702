import type { FastifyInstance, FastifyRequest } from 'fastify';
import {
  OPERATOR_HEADER,
  OperatorSignInRequestSchema,
  type OperatorSessionResponse,
} from '../../contract/sync';
import { deviceOf } from '../auth/hook';
import { endOperatorSession, signInOperator } from '../db/operators';
import type { ServerContext } from '../context';
import { HttpFailure, badRequest } from '../http/errors';

/**
 * Operator sign-in for a registered console. `POST /v1/session` (device credential + username/password) opens a
 * short-lived session bound to that console; `GET` says whom the session in OPERATOR_HEADER names; `DELETE`
 * ends it. Refusals: wrong name or password 401 (one answer for both), disabled 403, locked 429 with
 * Retry-After. The password is never logged (the request serializer logs no bodies).
 */
export function registerOperators(app: FastifyInstance, ctx: ServerContext): void {
  app.post('/v1/session', { onRequest: ctx.auth(['console']) }, async (request, reply) => {
    const device = deviceOf(request);
    const body = OperatorSignInRequestSchema.safeParse(request.body);
    if (!body.success) {
      const issue = body.error.issues[0];
      throw badRequest('POST /v1/session', `${issue?.path.join('.') || 'body'}: ${issue?.message}`);
    }
    const { username, password } = body.data;
    const r = await signInOperator(ctx.pool, device.id, username, password);
    if (r.ok) {
      request.log.info({ operator: username }, 'operator signed in');
      void reply.code(201);
      const res: OperatorSessionResponse = { token: r.token, operator: r.operator, expiresAt: r.expiresAt };
      return res;
    }
    request.log.warn({ operator: username, reason: r.reason }, 'operator sign-in refused');
    if (r.reason === 'locked') {
      void reply.header('retry-after', String(r.retryAfterSeconds));
      throw new HttpFailure(429, 'sign_in_throttled', { username, seconds: r.retryAfterSeconds });
    }
    if (r.reason === 'disabled')
      throw new HttpFailure(403, 'forbidden', {
        detail: `the operator account "${username}" is disabled on the sync server; ask the server administrator`,
      });
    throw new HttpFailure(401, 'sign_in_failed', { username });
  });

  app.get('/v1/session', { onRequest: ctx.auth(['console']) }, async (request) => {
    const op = sessionOf(request);
    return { operator: op.operator, expiresAt: op.expiresAt };
  });

  app.delete('/v1/session', { onRequest: ctx.auth(['console']) }, async (request, reply) => {
    const device = deviceOf(request);
    const header = request.headers[OPERATOR_HEADER];
    const token = (Array.isArray(header) ? header[0] : header)?.trim();
    if (!token)
      throw new HttpFailure(401, 'unauthorized', { detail: `send the session token in ${OPERATOR_HEADER}` });
    await endOperatorSession(ctx.pool, device.id, token);
    request.log.info('operator signed out');
    return reply.code(204).send();
  });
}

function sessionOf(request: FastifyRequest) {
  const op = request.operator;
  if (!op)
    throw new HttpFailure(401, 'unauthorized', { detail: `send the session token in ${OPERATOR_HEADER}` });
  if (!op.ok) throw new HttpFailure(401, 'unauthorized', { detail: op.detail });
  return op;
}
