import { join } from 'node:path';
import { SerialPortMock } from 'serialport';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Host } from '../../host/host';
import type { PortFactory, PortStream } from '../../native/serial/managedPort';
import { call, makeHost } from '../helpers/host';
import { SocatPair } from '../peers/socat';
import { tempDir, waitFor } from './radioHelpers';

type LineCall = { path: string; rts?: boolean; dtr?: boolean };

/** SerialPortMock ports that remember every RTS/DTR change (the mock itself does not keep line state). */
function mockFactory(log: LineCall[], failWith?: string): PortFactory {
  return (s) => {
    const port = new SerialPortMock({ path: s.path, baudRate: s.baudRate, autoOpen: false });
    const set = port.set.bind(port);
    port.set = ((opts: { rts?: boolean; dtr?: boolean }, cb: (e: Error | null) => void) => {
      log.push({ path: s.path, ...opts });
      if (failWith) return cb(new Error(failWith));
      set(opts, cb);
    }) as typeof port.set;
    return port as unknown as PortStream;
  };
}

const ptt = (method: 'rts' | 'dtr' | 'vox', serialPath: string | null, invert = false) => ({
  name: `radio ${method}`,
  model: 1,
  control: { kind: 'none' as const },
  ptt: { method, serialPath, invert },
  totSeconds: 60,
});

describe('PTT by RTS/DTR (SerialPortMock) and on a real pty', () => {
  const tmp = tempDir();
  let host: Host;
  let lines: LineCall[];

  beforeEach(() => {
    SerialPortMock.binding.reset();
    SerialPortMock.binding.createPort('/dev/ttyMOCK0');
    SerialPortMock.binding.createPort('/dev/ttyMOCK1');
    lines = [];
  });
  afterEach(async () => {
    await host?.close();
  });

  it('keys and unkeys RTS, and DTR inverted; logs each transmission with operator and duration', async () => {
    host = makeHost(join(tmp.dir, 'a'), { radio: { portFactory: mockFactory(lines) } });
    const rts = await call(host, 'radio.profile.save', ptt('rts', '/dev/ttyMOCK0'));
    const dtr = await call(host, 'radio.profile.save', ptt('dtr', '/dev/ttyMOCK1', true));

    const keyed = await call(host, 'radio.ptt.key', { profileId: rts.id, source: 'spacebar' });
    expect(keyed).toMatchObject({
      keyed: true,
      method: 'rts',
      operator: 'tester',
      source: 'spacebar',
      totSeconds: 60,
    });
    expect(keyed.deadlineAt! - keyed.keyedAt!).toBe(60_000);
    expect(lines.at(-1)).toEqual({ path: '/dev/ttyMOCK0', rts: true });
    await new Promise((r) => setTimeout(r, 30));
    const released = await call(host, 'radio.ptt.unkey', { profileId: rts.id });
    expect(released).toMatchObject({ keyed: false, lastEnd: 'released', error: null });
    expect(lines.at(-1)).toEqual({ path: '/dev/ttyMOCK0', rts: false });

    await call(host, 'radio.ptt.key', { profileId: dtr.id });
    expect(lines.at(-1)).toEqual({ path: '/dev/ttyMOCK1', dtr: false }); // inverted: low keys
    await call(host, 'radio.ptt.unkey', { profileId: dtr.id });
    expect(lines.at(-1)).toEqual({ path: '/dev/ttyMOCK1', dtr: true });

    const log = await call(host, 'radio.ptt.log', { profileId: rts.id });
    expect(log).toHaveLength(1);
    expect(log[0]).toMatchObject({
      operator: 'tester',
      method: 'rts',
      source: 'spacebar',
      reason: 'released',
    });
    expect(log[0]!.durationMs).toBeGreaterThanOrEqual(25);
    const audit = host.ctx.store.db
      .prepare(`SELECT action FROM audit_log WHERE entity = 'radio_profile' AND entity_id = ? ORDER BY seq`)
      .all(rts.id) as { action: string }[];
    expect(audit.map((a) => a.action)).toEqual(['radio.profile.create', 'radio.ptt.key', 'radio.ptt.unkey']);
  });

  it('unkeys when the window that keyed goes away, and when the host closes', async () => {
    host = makeHost(join(tmp.dir, 'b'), { radio: { portFactory: mockFactory(lines) } });
    const p = await call(host, 'radio.profile.save', ptt('rts', '/dev/ttyMOCK0'));
    const res = await host.router.handleFrame(
      { t: 'req', id: 1, method: 'radio.ptt.key', params: { profileId: p.id } },
      { transport: 'ws', clientId: 'window-1' },
    );
    expect(res.ok).toBe(true);
    host.clientDisconnected('window-2'); // someone else's window: no effect
    expect((await call(host, 'radio.ptt.state'))[0]!.keyed).toBe(true);
    host.clientDisconnected('window-1');
    const s = await waitFor('unkeyed', async () =>
      (await call(host, 'radio.ptt.state')).find((x) => !x.keyed),
    );
    expect(s.lastEnd).toBe('disconnect');
    expect(lines.at(-1)).toEqual({ path: '/dev/ttyMOCK0', rts: false });

    await call(host, 'radio.ptt.key', { profileId: p.id });
    expect(lines.at(-1)).toEqual({ path: '/dev/ttyMOCK0', rts: true });
    const db = host.ctx.store.db;
    const logBefore = (db.prepare('SELECT count(*) AS n FROM ptt_log').get() as { n: number }).n;
    // close() ends with the store closed; read the log through a second connection afterwards
    await host.close();
    expect(lines.at(-1)).toEqual({ path: '/dev/ttyMOCK0', rts: false });
    host = makeHost(join(tmp.dir, 'b'), { radio: { portFactory: mockFactory(lines) } });
    const log = await call(host, 'radio.ptt.log', {});
    expect(log).toHaveLength(logBefore + 1);
    expect(log[0]!.reason).toBe('host_closed');
  });

  it('explains a line that cannot be driven (ioctl refused) and never reports the radio keyed', async () => {
    host = makeHost(join(tmp.dir, 'c'), {
      radio: { portFactory: mockFactory(lines, 'Inappropriate ioctl for device, cannot set') },
    });
    const p = await call(host, 'radio.profile.save', ptt('rts', '/dev/ttyMOCK0'));
    await expect(call(host, 'radio.ptt.key', { profileId: p.id })).rejects.toThrow(
      /Inappropriate ioctl for device.*rigctld or VOX/,
    );
    expect((await call(host, 'radio.ptt.state'))[0]).toMatchObject({ keyed: false });
    expect((await call(host, 'radio.ptt.state'))[0]!.error).toMatch(/pseudo-terminal/);
    const test = await call(host, 'radio.test.keyPtt', { profileId: p.id, ms: 100 });
    expect(test.ok).toBe(false);
    expect(test.message).toMatch(/Inappropriate ioctl/);
  });

  it('on a socat pty, RTS keying fails with the ioctl message (real serialport binding)', async () => {
    const pair = new SocatPair(join(tmp.dir, 'pttA'), join(tmp.dir, 'pttB'));
    await pair.start();
    try {
      host = makeHost(join(tmp.dir, 'd'));
      const p = await call(host, 'radio.profile.save', ptt('rts', pair.a));
      await expect(call(host, 'radio.ptt.key', { profileId: p.id })).rejects.toThrow(
        /Inappropriate ioctl for device/,
      );
      const s = (await call(host, 'radio.ptt.state'))[0]!;
      expect(s.keyed).toBe(false);
    } finally {
      await host.close();
      await pair.kill();
    }
  });

  it('refuses a bad profile', async () => {
    host = makeHost(join(tmp.dir, 'e'));
    await expect(call(host, 'radio.profile.save', ptt('rts', null))).rejects.toThrow(
      /RTS keying needs the serial port/,
    );
    await expect(
      call(host, 'radio.profile.save', {
        ...ptt('vox', null),
        ptt: { method: 'rigctld', serialPath: null, invert: false },
      }),
    ).rejects.toThrow(/PTT by rigctld needs rig control/);
    await expect(
      call(host, 'radio.profile.save', {
        ...ptt('vox', null),
        model: 3073,
        control: { kind: 'spawn', device: '' },
      }),
    ).rejects.toThrow(/CAT serial device/);
    await expect(
      call(host, 'radio.profile.save', { ...ptt('vox', null), callsign: 'not a call!' }),
    ).rejects.toThrow(/callsign/);
    await expect(call(host, 'radio.profile.save', { ...ptt('vox', null), totSeconds: 0 })).rejects.toThrow(
      /totSeconds/,
    );
    expect(await call(host, 'radio.profile.list')).toEqual([]);
    tmp.remove();
  });
});
