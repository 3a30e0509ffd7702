import pino from 'pino';

/**
 * Structured logs on stderr (stdout is for what a person reads at start-up). Tokens, passwords and auth headers
 * are redacted by path; code must still never put a secret into a message string.
 */
export function createLogger(level = process.env.FENGSUI_LOG_LEVEL ?? 'info') {
  return pino(
    {
      level,
      base: { app: 'fengsui-host' },
      redact: {
        paths: [
          'token',
          '*.token',
          'password',
          '*.password',
          'headers.authorization',
          'req.headers.authorization',
        ],
        censor: '[redacted]',
      },
    },
    pino.destination(2),
  );
}
export type Logger = ReturnType<typeof createLogger>;
