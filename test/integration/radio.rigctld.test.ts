import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RadioFeature } from '../../host/radio/feature';
import type { Host } from '../../host/host';
import { call, makeHost } from '../helpers/host';
import { startRigctld } from '../peers/rigctld';
import { tempDir, waitFor } from './radioHelpers';

const haveRigctld = (() => {
  try {
    execFileSync('sh', ['-c', 'command -v rigctld']);
    return true;
  } catch {
    return false;
  }
})();

/** Hamlib's dummy rig behind a real rigctld: the host's own supervised one, and one somebody else runs. */
describe.skipIf(!haveRigctld)('radio control through rigctld', () => {
  const tmp = tempDir();
  let host: Host;
  let spawned: string;

  beforeAll(async () => {
    host = makeHost(join(tmp.dir, 'data'), { radio: { rigTimeoutMs: 2000 } });
    spawned = (
      await call(host, 'radio.profile.save', {
        name: 'dummy rig',
        model: 1,
        control: { kind: 'spawn', device: '' },
        ptt: { method: 'rigctld', serialPath: null },
        totSeconds: 5,
        presets: [{ name: 'Command 1', frequencyHz: 438_500_000, mode: 'FM' }],
      })
    ).id;
  });
  afterAll(async () => {
    await host?.close();
    tmp.remove();
  });

  it('sets and reads frequency and mode, applies a preset', async () => {
    const f = await call(host, 'radio.rig.setFrequency', { profileId: spawned, frequencyHz: 145_500_000 });
    expect(f.frequencyHz).toBe(145_500_000);
    const m = await call(host, 'radio.rig.setMode', { profileId: spawned, mode: 'FM', passbandHz: 15000 });
    expect(m).toMatchObject({ mode: 'FM', passbandHz: 15000, frequencyHz: 145_500_000, ptt: false });
    const p = await call(host, 'radio.rig.applyPreset', { profileId: spawned, preset: 'Command 1' });
    expect(p).toMatchObject({ frequencyHz: 438_500_000, mode: 'FM' });
    expect(await call(host, 'radio.test.readFrequency', { profileId: spawned })).toEqual({
      frequencyHz: 438_500_000,
      mode: 'FM',
    });
    const status = await call(host, 'radio.rig.status');
    expect(status[0]).toMatchObject({
      profileId: spawned,
      state: 'up',
      endpoint: expect.stringMatching(/^127\.0\.0\.1:\d+$/),
    });
  });

  it('keys PTT through rigctld (T 1/T 0) and the transmit time-out unkeys', async () => {
    await call(host, 'radio.ptt.key', { profileId: spawned, source: 'button' });
    expect((await call(host, 'radio.rig.read', { profileId: spawned })).ptt).toBe(true);
    await call(host, 'radio.ptt.unkey', { profileId: spawned });
    expect((await call(host, 'radio.rig.read', { profileId: spawned })).ptt).toBe(false);

    const t0 = Date.now();
    await call(host, 'radio.ptt.key', { profileId: spawned, source: 'button' });
    const s = await waitFor(
      'TOT',
      async () => (await call(host, 'radio.ptt.state')).find((x) => x.lastEnd === 'tot'),
      8000,
    );
    expect(s.keyed).toBe(false);
    expect(Date.now() - t0).toBeGreaterThanOrEqual(4900);
    expect((await call(host, 'radio.rig.read', { profileId: spawned })).ptt).toBe(false);
    const log = await call(host, 'radio.ptt.log', { profileId: spawned });
    expect(log[0]).toMatchObject({ reason: 'tot', method: 'rigctld' });
    expect(log[0]!.durationMs).toBeGreaterThanOrEqual(4900);
  }, 15_000);

  it('restarts its rigctld when it dies', async () => {
    const radio = (host as unknown as { features: RadioFeature[] }).features.find((f) => f.name === 'radio')!;
    const pid = radio.rigs.supervisorPid(spawned)!;
    expect(pid).toBeGreaterThan(0);
    process.kill(pid, 'SIGKILL');
    await waitFor('restarted', async () => {
      const s = (await call(host, 'radio.rig.status')).find((x) => x.profileId === spawned)!;
      return s.state === 'up' && s.restarts >= 1 && radio.rigs.supervisorPid(spawned) !== pid;
    });
    const f = await call(host, 'radio.rig.setFrequency', { profileId: spawned, frequencyHz: 433_920_000 });
    expect(f.frequencyHz).toBe(433_920_000);
  });

  it('connects to an existing rigctld and reports a dead one clearly', async () => {
    const rig = await startRigctld();
    try {
      const p = await call(host, 'radio.profile.save', {
        name: 'shared rig',
        model: 1,
        control: { kind: 'connect', host: '127.0.0.1', port: rig.port },
        ptt: { method: 'rigctld', serialPath: null },
      });
      const r = await call(host, 'radio.rig.setFrequency', { profileId: p.id, frequencyHz: 146_520_000 });
      expect(r.frequencyHz).toBe(146_520_000);
      await call(host, 'radio.rig.setVfo', { profileId: p.id, vfo: 'VFOB' });
      // Hamlib 4.5's dummy rig answers the second VFO as "Sub" after `V VFOB`.
      expect((await call(host, 'radio.rig.read', { profileId: p.id })).vfo).toMatch(/^(VFOB|Sub)$/);
      const test = await call(host, 'radio.test.keyPtt', { profileId: p.id, ms: 200 });
      expect(test).toMatchObject({ ok: true });
      await rig.stop();
      await expect(call(host, 'radio.rig.read', { profileId: p.id })).rejects.toThrow(
        /rigctld at 127\.0\.0\.1:\d+/,
      );
    } finally {
      await rig.stop();
    }
  });
});
