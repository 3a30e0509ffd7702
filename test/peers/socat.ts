import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, realpathSync } from 'node:fs';

/**
 * A socat pty pair: two linked pseudo-terminals with stable symlinks, `a` for the console and `b` for the test
 * playing the device. `kill()` + `start()` again is "USB adapter unplugged and plugged back".
 */
export class SocatPair {
  private child: ChildProcess | null = null;

  constructor(
    readonly a: string,
    readonly b: string,
  ) {}

  async start(): Promise<void> {
    const child = spawn(
      'socat',
      ['-d', '-d', `pty,raw,echo=0,link=${this.a}`, `pty,raw,echo=0,link=${this.b}`],
      {
        stdio: ['ignore', 'ignore', 'pipe'],
      },
    );
    this.child = child;
    let log = '';
    child.stderr!.on('data', (d: Buffer) => (log += d.toString()));
    const until = Date.now() + 5000;
    while (!(existsSync(this.a) && existsSync(this.b))) {
      if (child.exitCode !== null || child.signalCode !== null || Date.now() > until)
        throw new Error(`socat did not create ${this.a} / ${this.b}:\n${log}`);
      await new Promise((r) => setTimeout(r, 20));
    }
    // socat prints "starting data transfer loop" once both ends are set up.
    while (!/starting data transfer loop/.test(log) && Date.now() < until)
      await new Promise((r) => setTimeout(r, 10));
  }

  get realA(): string {
    return realpathSync(this.a);
  }

  async kill(): Promise<void> {
    const c = this.child;
    this.child = null;
    if (!c || c.exitCode !== null || c.signalCode !== null) return;
    await new Promise<void>((resolve) => {
      c.once('exit', () => resolve());
      c.kill('SIGKILL');
    });
    // socat removes its links on a clean exit only; after SIGKILL they dangle. Remove them like unplugging does.
    for (const p of [this.a, this.b]) {
      try {
        (await import('node:fs')).unlinkSync(p);
      } catch {
        // already gone
      }
    }
  }
}

/** Opens the device end of a pair for the test to write to / read from (raw fs, no serialport). */
export async function openDeviceEnd(path: string) {
  const { open } = await import('node:fs/promises');
  const fh = await open(path, 'r+');
  return {
    write: (data: Uint8Array | string) =>
      fh.write(typeof data === 'string' ? Buffer.from(data, 'latin1') : data),
    close: () => fh.close(),
  };
}
