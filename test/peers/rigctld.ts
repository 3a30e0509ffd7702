import { spawn, type ChildProcess } from 'node:child_process';
import { connect } from 'node:net';
import { freeLoopbackPort } from '../../native/radio/bridges/rigctldSupervisor';

/** An externally run rigctld (dummy rig, PTT via CAT) on 127.0.0.1 for "connect to an existing one". */
export async function startRigctld(
  model = 1,
): Promise<{ port: number; child: ChildProcess; stop: () => Promise<void> }> {
  const port = await freeLoopbackPort();
  const child = spawn('rigctld', ['-m', String(model), '-P', 'RIG', '-T', '127.0.0.1', '-t', String(port)], {
    stdio: 'ignore',
  });
  const until = Date.now() + 5000;
  for (;;) {
    const ok = await new Promise<boolean>((resolve) => {
      const s = connect({ host: '127.0.0.1', port });
      s.once('connect', () => (s.destroy(), resolve(true)));
      s.once('error', () => resolve(false));
    });
    if (ok) break;
    if (Date.now() > until) throw new Error('rigctld did not start');
    await new Promise((r) => setTimeout(r, 50));
  }
  return {
    port,
    child,
    stop: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null || child.signalCode !== null) return resolve();
        // rigctld 4.5 can sit on SIGTERM while a client is connected: insist after a second.
        const t = setTimeout(() => child.kill('SIGKILL'), 1000);
        child.once('exit', () => {
          clearTimeout(t);
          resolve();
        });
        child.kill('SIGTERM');
      }),
  };
}
