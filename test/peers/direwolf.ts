import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { freeLoopbackPort } from '../../native/radio/bridges/rigctldSupervisor';

const RATE = 44100;

/**
 * APRS AFSK1200 audio for `lines` (TNC2 text), as raw S16LE mono 44.1 kHz for direwolf's stdin. One
 * gen_packets call per packet: a multi-line file would put the newline into the packet.
 */
export function makeAprsAudio(dir: string, lines: readonly string[]): Buffer {
  mkdirSync(dir, { recursive: true });
  const wavs = lines.map((line, i) => {
    const wav = join(dir, `p${i}.wav`);
    execFileSync('gen_packets', ['-r', String(RATE), '-o', wav, '-'], {
      input: line,
      stdio: ['pipe', 'ignore', 'ignore'],
    });
    return wav;
  });
  const raw = join(dir, 'rx.raw');
  const joined = wavs.length > 1 ? join(dir, 'all.wav') : wavs[0]!;
  if (wavs.length > 1) execFileSync('sox', [...wavs, joined]);
  execFileSync('sox', [joined, '-t', 'raw', '-e', 'signed', '-b', '16', '-c', '1', '-r', String(RATE), raw]);
  return readFileSync(raw);
}

export interface RunningDirewolf {
  /** The KISS pty direwolf made (`-p`). */
  ptyPath: string;
  /** 127.0.0.1 port in the test's namespace relaying to direwolf's KISS TCP port. */
  kissTcpPort: number;
  /** Where transmitted audio lands (raw S16LE mono 44.1 kHz). */
  txRaw: string;
  feed(audio: Buffer): void;
  log(): string;
  stop(): Promise<void>;
}

/**
 * direwolf 1.6 as a real KISS TNC. Its KISS TCP port binds 0.0.0.0 with no option to change it, so direwolf
 * runs in its own network namespace (`unshare -n`, only `lo` inside) and a socat pair relays its port through a
 * unix socket to 127.0.0.1:<free port> here. Receive audio comes on stdin (fed silence so it never sees EOF);
 * transmit audio goes to an ALSA file plugin configured in a temporary HOME's .asoundrc (the user's own
 * ~/.asoundrc is never touched).
 */
export async function startDirewolf(dir: string): Promise<RunningDirewolf> {
  mkdirSync(join(dir, 'home'), { recursive: true });
  const txRaw = join(dir, 'tx.raw');
  const sock = join(dir, 'kiss.sock');
  writeFileSync(
    join(dir, 'home', '.asoundrc'),
    `pcm.dwtx {\n  type file\n  slave.pcm "null"\n  file "${txRaw}"\n  format "raw"\n}\n`,
  );
  writeFileSync(
    join(dir, 'dw.conf'),
    [
      'ADEVICE stdin dwtx',
      'ACHANNELS 1',
      'CHANNEL 0',
      'MYCALL N0CALL',
      'MODEM 1200',
      'AGWPORT 0',
      'KISSPORT 8001',
      '',
    ].join('\n'),
  );
  const script = [
    'ip link set lo up',
    `socat UNIX-LISTEN:${sock},fork TCP:127.0.0.1:8001 &`,
    `exec direwolf -c ${join(dir, 'dw.conf')} -r ${RATE} -t 0 -p -`,
  ].join('\n');
  const dw: ChildProcess = spawn('unshare', ['-n', 'sh', '-c', script], {
    env: { ...process.env, HOME: join(dir, 'home') },
    stdio: ['pipe', 'pipe', 'pipe'],
    detached: true,
    cwd: dir,
  });
  let log = '';
  dw.stdout!.on('data', (d: Buffer) => (log += d.toString()));
  dw.stderr!.on('data', (d: Buffer) => (log += d.toString()));
  dw.stdin!.on('error', () => undefined);
  const silence = Buffer.alloc((RATE * 2) / 10);
  const feeder = setInterval(() => dw.stdin!.writable && dw.stdin!.write(silence), 100);
  const until = Date.now() + 10_000;
  let pty: RegExpExecArray | null = null;
  while (
    !(pty = /Virtual KISS TNC is available on (\S+)/.exec(log)) ||
    !/Ready to accept KISS TCP/.test(log) ||
    !existsSync(sock)
  ) {
    if (dw.exitCode !== null || dw.signalCode !== null || Date.now() > until) {
      clearInterval(feeder);
      throw new Error(`direwolf did not start:\n${log}`);
    }
    await new Promise((r) => setTimeout(r, 50));
  }
  const kissTcpPort = await freeLoopbackPort();
  const relay = spawn(
    'socat',
    [`TCP-LISTEN:${kissTcpPort},bind=127.0.0.1,reuseaddr,fork`, `UNIX-CONNECT:${sock}`],
    {
      stdio: 'ignore',
    },
  );
  await new Promise((r) => setTimeout(r, 150));
  return {
    ptyPath: pty[1]!,
    kissTcpPort,
    txRaw,
    feed: (audio) => dw.stdin!.write(audio),
    log: () => log,
    stop: async () => {
      clearInterval(feeder);
      relay.kill('SIGKILL');
      await new Promise<void>((resolve) => {
        if (dw.exitCode !== null || dw.signalCode !== null) return resolve();
        dw.once('exit', () => resolve());
        try {
          process.kill(-dw.pid!, 'SIGTERM');
        } catch {
          resolve();
        }
        setTimeout(() => {
          try {
            process.kill(-dw.pid!, 'SIGKILL');
          } catch {
            // gone
          }
        }, 1500).unref();
      });
    },
  };
}

/**
 * Decodes the transmit audio file with direwolf's `atest` until `expected` shows up (direwolf writes the audio
 * a moment after the KISS frame arrives, and earlier transmissions may already be in the file).
 */
export async function waitForTransmitted(
  txRaw: string,
  expected: string,
  timeoutMs = 10_000,
): Promise<string> {
  const until = Date.now() + timeoutMs;
  const wav = txRaw.replace(/\.raw$/, '.wav');
  let out = '';
  while (Date.now() < until) {
    await new Promise((r) => setTimeout(r, 300));
    if (!existsSync(txRaw) || statSync(txRaw).size === 0) continue;
    execFileSync('sox', ['-t', 'raw', '-e', 'signed', '-b', '16', '-c', '1', '-r', String(RATE), txRaw, wav]);
    // atest colours its output; strip the escapes so the text can be matched.
    // eslint-disable-next-line no-control-regex -- ANSI escape sequences start with ESC
    out = execFileSync('atest', [wav], { encoding: 'utf8' }).replace(/\x1b\[[0-9;]*[A-Za-z]/g, '');
    if (out.includes(expected)) return out;
  }
  throw new Error(`"${expected}" was not found in the transmitted audio; atest said:\n${out}`);
}
