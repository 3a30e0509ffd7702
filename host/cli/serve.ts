import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Host } from '../host';
import { startWsServer } from '../transports/wsServer';
import { StoreOpenError } from '../../db/open';
import { parseServeArgs, UsageError, clockFromEnv, syncTuningFromEnv } from './args';
import { CredentialError, readCredential } from '../sync/credential';
import { IdentityError } from '../sync/identity';

const RENDERER_DIR = fileURLToPath(new URL('../../dist/renderer/', import.meta.url));

/** Browser mode: the same host as the desktop app, served to a browser on 127.0.0.1 with a per-launch token. */
export async function serve(argv: string[]): Promise<void> {
  const args = parseServeArgs(argv);
  const host = new Host({
    dataDir: args.dataDir,
    demo: args.demo,
    operator: args.operator,
    now: clockFromEnv(),
    sync: args.server
      ? { serverUrl: args.server, credential: readCredential(), ...syncTuningFromEnv() }
      : undefined,
  });
  const staticDir = existsSync(`${RENDERER_DIR}/index.html`) ? RENDERER_DIR : undefined;
  const server = await startWsServer(host, { port: args.port, staticDir });
  if (!staticDir)
    console.error('warning: dist/renderer is not built; only the WebSocket is served (run npm run build)');
  // The one place the token is shown: for the person starting the console.
  console.log(`Fengsui console: ${server.url}`);
  console.log(`data folder: ${args.dataDir}`);

  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    host.ctx.log.info({ signal }, 'stopping');
    await server.close();
    await host.close();
    process.exit(0);
  };
  process.on('SIGINT', () => void stop('SIGINT'));
  process.on('SIGTERM', () => void stop('SIGTERM'));
}

export async function main(argv: string[]): Promise<void> {
  try {
    await serve(argv);
  } catch (e) {
    if (
      e instanceof UsageError ||
      e instanceof StoreOpenError ||
      e instanceof CredentialError ||
      e instanceof IdentityError
    ) {
      console.error(`fengsui: ${e.message}`);
      process.exit(2);
    }
    throw e;
  }
}
