/**
 * Structured logs. Credentials must never reach a log: the Authorization header (and anything named token or
 * credential) is redacted wherever it appears, and Fastify's request serializer logs no headers at all.
 */
import pino, { type DestinationStream, type Logger } from 'pino';

export const REDACT_PATHS = [
  'req.headers.authorization',
  'req.headers.cookie',
  'headers.authorization',
  'headers.cookie',
  'authorization',
  'token',
  'credential',
  '*.token',
  '*.credential',
  '*.authorization',
];

export function createLogger(opts: { level?: string; stream?: DestinationStream } = {}): Logger {
  const options = {
    level: opts.level ?? 'info',
    redact: { paths: REDACT_PATHS, censor: '[redacted]' },
    base: { service: 'fengsui-server' },
  };
  return opts.stream ? pino(options, opts.stream) : pino(options);
}
