import type { FastifyReply, FastifyRequest } from 'fastify';
import type pg from 'pg';
import { OPERATOR_HEADER, type DeviceRole } from '../../contract/sync';
import { verifyDevice, type Device } from '../db/devices';
import { verifyOperatorSession, type PushOperator } from '../db/operators';
import { HttpFailure } from '../http/errors';
import { looksLikeToken, parseAuthorization } from './token';

declare module 'fastify' {
  interface FastifyRequest {
    device: Device | null;
    /**
     * The operator session the console sent in OPERATOR_HEADER, checked against this device; null when the
     * header is absent (older consoles, nobody signed in at the server). Never a reason to refuse a sync
     * request: push records it (or why it was not valid) in push_operators.
     */
    operator: PushOperator | null;
  }
}

/**
 * onRequest hook for a route: authenticate the device before the body is even read (so a stranger cannot make
 * us parse 8 MiB), check its role, and tag the request's logs with the device id (never the token).
 */
export function requireDevice(pool: pg.Pool, roles: readonly DeviceRole[]) {
  return async (request: FastifyRequest, _reply: FastifyReply): Promise<void> => {
    const cred = parseAuthorization(request.headers.authorization);
    if (!cred.ok) throw new HttpFailure(401, 'unauthorized', { detail: cred.detail });
    const result = await verifyDevice(pool, cred.deviceId, cred.token);
    if (!result.ok) throw new HttpFailure(401, 'unauthorized', { detail: result.detail });
    request.device = result.device;
    request.log = request.log.child({ deviceId: result.device.id });
    request.operator = await operatorOf(pool, result.device.id, request.headers[OPERATOR_HEADER]);
    if (request.operator?.ok)
      request.log = request.log.child({ operator: request.operator.operator.username });
    else if (request.operator)
      request.log.warn({ problem: request.operator.problem }, 'operator session not valid; not attributed');
    if (!roles.includes(result.device.role)) {
      throw new HttpFailure(403, 'forbidden', {
        detail: `a ${result.device.role} device may not use ${request.routeOptions.url ?? request.url}`,
      });
    }
  };
}

export function deviceOf(request: FastifyRequest): Device {
  if (!request.device)
    throw new HttpFailure(401, 'unauthorized', { detail: 'this endpoint needs a device credential' });
  return request.device;
}

async function operatorOf(
  pool: pg.Pool,
  deviceId: string,
  header: string | string[] | undefined,
): Promise<PushOperator | null> {
  if (header === undefined) return null;
  const token = Array.isArray(header) ? header[0] : header;
  if (!token || !looksLikeToken(token.trim()))
    return { ok: false, problem: 'invalid', detail: `the ${OPERATOR_HEADER} header is not a session token` };
  return verifyOperatorSession(pool, deviceId, token.trim());
}
