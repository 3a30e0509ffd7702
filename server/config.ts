import type { DestinationStream } from 'pino';

export interface ServerConfig {
  databaseUrl: string;
  /** Default 127.0.0.1: the server is exposed deliberately (reverse proxy or --host), never by accident. */
  host?: string;
  /** 0 picks a free port (tests). Default 8787. */
  port?: number;
  tls?: { cert: string | Buffer; key: string | Buffer };
  /** Largest accepted request body. Default 8 MiB (a full push batch of large incidents fits easily). */
  bodyLimit?: number;
  /** Requests per device per window; `false` turns limiting off. Default 600 per minute. */
  rateLimit?: { max: number; timeWindowMs: number } | false;
  logLevel?: string;
  /** Where logs go (tests capture them); default stdout. */
  logStream?: DestinationStream;
  /** Pool size per instance. */
  poolSize?: number;
}

export const DEFAULTS = {
  host: '127.0.0.1',
  port: 8787,
  bodyLimit: 8 * 1024 * 1024,
  rateLimit: { max: 600, timeWindowMs: 60_000 },
  poolSize: 10,
} as const;
