import type { FastifyReply, FastifyRequest } from 'fastify';
import type pg from 'pg';
import type { DeviceRole } from '../../contract/sync';
import { verifyDevice, type Device } from '../db/devices';
import { HttpFailure } from '../http/errors';
import { parseAuthorization } from './token';

declare module 'fastify' {
  interface FastifyRequest {
    device: Device | null;
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
