/**
 * Entry point of the host inside Electron's utilityProcess. Electron's main hands over one MessagePort per
 * renderer window; each is attached to the same host.
 */
import { Host } from './host';
import { attachPort } from './transports/portTransport';
import { parseServeArgs } from './cli/args';

interface ElectronPort {
  on(event: 'message', cb: (e: { data: unknown }) => void): void;
  on(event: 'close', cb: () => void): void;
  postMessage(message: unknown): void;
  start(): void;
}
interface ParentPort {
  on(event: 'message', cb: (e: { data: unknown; ports: ElectronPort[] }) => void): void;
}

const parentPort = (process as unknown as { parentPort?: ParentPort }).parentPort;
if (!parentPort) {
  console.error(
    'host/utility must run inside an Electron utilityProcess; use `npm run serve` for browser mode',
  );
  process.exit(2);
}

const args = parseServeArgs(process.argv.slice(2));
const host = new Host({ dataDir: args.dataDir, demo: args.demo, operator: args.operator });

parentPort.on('message', (e) => {
  for (const port of e.ports) {
    attachPort(host, {
      send: (frame) => port.postMessage(frame),
      onMessage: (cb) => port.on('message', (m) => cb(m.data)),
      onClose: (cb) => port.on('close', cb),
    });
    port.start();
  }
});

const shutdown = () => {
  void host.close().finally(() => process.exit(0));
};
process.on('SIGTERM', shutdown);
process.on('SIGINT', shutdown);
