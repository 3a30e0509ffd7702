/**
 * Child process for the crash test: a real host writing incidents through the service path as fast as it can,
 * printing `ACK <id>` only after each commit returned. Linux pipes are synchronous for process.stdout, so a line
 * the parent read was written after the commit.
 */
import pino from 'pino';
import { Host } from '../../host/host';

const dataDir = process.argv[2]!;
const host = new Host({
  dataDir,
  backupIntervalMs: 0,
  log: pino({ level: 'silent' }),
  operator: 'crash-writer',
});
let id = 1;
process.stdout.write('READY\n');
for (;;) {
  const res = await host.router.handleFrame(
    {
      t: 'req',
      id: id++,
      method: 'incident.create',
      params: {
        category: 'emergency',
        priority: 'P2',
        source: 'radio',
        location: { lon: 103.68, lat: 36.5 },
        description: `crash test ${id} ${'x'.repeat(id % 500)}`,
      },
    },
    { transport: 'ws' },
  );
  if (!res.ok) {
    process.stderr.write(`write failed: ${res.error.message}\n`);
    process.exit(3);
  }
  process.stdout.write(`ACK ${(res.result as { id: string }).id}\n`);
  if (id % 50 === 0) await new Promise((r) => setImmediate(r));
}
