/**
 * Talks to a real Hamlib rigctld (dummy rig) with our codec over a plain socket: proves the command text and
 * the reply parsing against the real thing, not against our own idea of it.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { createServer, Socket } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { encodeRigCommand, type RigCommand } from './commands';
import { interpretRigReply, type RigInterpreted } from './interpret';
import { RigReplyParser, type RigReply } from './reply-parser';

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const addr = s.address();
      const port = typeof addr === 'object' && addr ? addr.port : 0;
      s.close(() => resolve(port));
    });
  });
}

async function connectWithRetry(port: number, deadline: number): Promise<Socket> {
  for (;;) {
    try {
      return await new Promise<Socket>((resolve, reject) => {
        const s = new Socket();
        s.once('error', reject);
        s.connect(port, '127.0.0.1', () => {
          s.off('error', reject);
          resolve(s);
        });
      });
    } catch (e) {
      if (Date.now() > deadline) throw e;
      await new Promise((r) => setTimeout(r, 100));
    }
  }
}

/** Minimal request/reply client: one command in flight, replies come from the codec. */
class TinyRigClient {
  private readonly parser = new RigReplyParser();
  private readonly waiting: ((r: RigReply) => void)[] = [];
  readonly protocolErrors: string[] = [];

  constructor(private readonly socket: Socket) {
    socket.on('data', (chunk: Buffer) => {
      for (const e of this.parser.push(chunk)) {
        if (e.ok) this.waiting.shift()?.(e.reply);
        else this.protocolErrors.push(e.error.message);
      }
    });
  }

  async send(c: RigCommand): Promise<{ reply: RigReply; state: RigInterpreted }> {
    const enc = encodeRigCommand(c);
    if (!enc.ok) throw new Error(enc.reason);
    const reply = await new Promise<RigReply>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`no reply to ${enc.text.trim()}`)), 5000);
      this.waiting.push((r) => {
        clearTimeout(timer);
        resolve(r);
      });
      this.socket.write(enc.text);
    });
    return { reply, state: interpretRigReply(reply) };
  }
}

describe('rigctld (Hamlib dummy rig) through our codec', () => {
  let proc: ChildProcess | undefined;
  let socket: Socket | undefined;
  let client: TinyRigClient;
  let stderr = '';

  beforeAll(async () => {
    const port = await freePort();
    proc = spawn('rigctld', ['-m', '1', '-P', 'RIG', '-T', '127.0.0.1', '-t', String(port)], {
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    proc.stderr?.on('data', (d: Buffer) => (stderr += d.toString()));
    const spawnError = new Promise<never>((_, reject) =>
      proc!.once('error', (e) => reject(new Error(`rigctld did not start: ${e.message}`))),
    );
    socket = await Promise.race([connectWithRetry(port, Date.now() + 10_000), spawnError]);
    client = new TinyRigClient(socket);
  });

  afterAll(async () => {
    socket?.destroy();
    if (proc && proc.exitCode === null) {
      const exited = new Promise((r) => proc!.once('exit', r));
      proc.kill('SIGTERM');
      await Promise.race([exited, new Promise((r) => setTimeout(r, 3000))]);
      if (proc.exitCode === null) proc.kill('SIGKILL');
    }
  });

  it('sets and reads back the frequency', async () => {
    expect((await client.send({ kind: 'set_freq', hz: 145_500_000 })).reply).toMatchObject({
      command: 'set_freq',
      code: 0,
    });
    expect((await client.send({ kind: 'get_freq' })).state).toEqual({
      ok: true,
      state: { kind: 'frequency', hz: 145_500_000 },
    });
  });

  it('sets and reads back the mode', async () => {
    expect((await client.send({ kind: 'set_mode', mode: 'FM', passbandHz: 15000 })).reply.code).toBe(0);
    expect((await client.send({ kind: 'get_mode' })).state).toEqual({
      ok: true,
      state: { kind: 'mode', mode: 'FM', passbandHz: 15000 },
    });
  });

  it('keys and unkeys PTT', async () => {
    expect((await client.send({ kind: 'set_ptt', on: true })).reply.code).toBe(0);
    expect((await client.send({ kind: 'get_ptt' })).state).toEqual({
      ok: true,
      state: { kind: 'ptt', on: true },
    });
    expect((await client.send({ kind: 'set_ptt', on: false })).reply.code).toBe(0);
    expect((await client.send({ kind: 'get_ptt' })).state).toEqual({
      ok: true,
      state: { kind: 'ptt', on: false },
    });
  });

  it('selects a VFO and a memory channel, reads signal strength', async () => {
    expect((await client.send({ kind: 'set_vfo', vfo: 'VFOA' })).reply.code).toBe(0);
    expect((await client.send({ kind: 'get_vfo' })).state.ok).toBe(true);
    expect((await client.send({ kind: 'set_mem', channel: 5 })).reply.code).toBe(0);
    expect((await client.send({ kind: 'get_mem' })).state).toEqual({
      ok: true,
      state: { kind: 'memory', channel: 5 },
    });
    const s = await client.send({ kind: 'get_level', level: 'STRENGTH' });
    expect(s.state).toMatchObject({ ok: true, state: { kind: 'level', level: 'STRENGTH' } });
  });

  it('turns a refused command into a readable Hamlib error', async () => {
    const r = await client.send({ kind: 'get_level', level: 'NOSUCHLEVEL' });
    expect(r.reply.error?.name).toBe('RIG_EINVAL');
    expect(r.state).toMatchObject({ ok: false, reason: /invalid parameter/ });
    expect(client.protocolErrors, stderr).toEqual([]);
  });
});
