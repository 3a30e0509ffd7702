import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Host } from '../../host/host';
import { call, makeHost } from '../helpers/host';
import { waitForTransmitted, makeAprsAudio, startDirewolf, type RunningDirewolf } from '../peers/direwolf';
import { linkUp, tempDir, unitByCall, waitFor } from './radioHelpers';

const haveDirewolf = (() => {
  try {
    execFileSync('sh', [
      '-c',
      'command -v direwolf && command -v gen_packets && command -v atest && command -v unshare',
    ]);
    return true;
  } catch {
    return false;
  }
})();

/**
 * direwolf as a real KISS TNC: audio → direwolf → KISS pty and KISS TCP → the console host → a unit moves;
 * and a message from the console → direwolf → transmit audio → atest decodes the same text; its ack comes
 * back over the air and the message is marked acked.
 */
describe.skipIf(!haveDirewolf)('APRS through direwolf', () => {
  const tmp = tempDir();
  let dw: RunningDirewolf;
  let host: Host;
  let ptyLink: string;
  let tcpLink: string;

  beforeAll(async () => {
    dw = await startDirewolf(join(tmp.dir, 'dw'));
    host = makeHost(join(tmp.dir, 'data'), {
      demo: true,
      radio: { backoff: { initialMs: 100, maxMs: 500 }, ackRetryMs: 4000 },
    });
    ptyLink = (
      await call(host, 'radio.link.save', {
        name: 'direwolf pty',
        callsign: 'BH4CON-1',
        endpoint: { kind: 'kiss_serial', serial: { path: dw.ptyPath } },
      })
    ).id;
    tcpLink = (
      await call(host, 'radio.link.save', {
        name: 'direwolf tcp',
        callsign: 'BH4CON-2',
        endpoint: { kind: 'kiss_tcp', host: '127.0.0.1', port: dw.kissTcpPort },
      })
    ).id;
    await linkUp(host, ptyLink);
    await linkUp(host, tcpLink);
  });

  afterAll(async () => {
    await host?.close();
    await dw?.stop();
    tmp.remove();
  });

  it('moves the bound unit, adds a heard station and fills the inbox from received audio', async () => {
    const before = await unitByCall(host, 'BH4ABC-9');
    const audio = makeAprsAudio(join(tmp.dir, 'rx1'), [
      'BH4ABC-9>APRS,WIDE1-1:!3630.00N/10340.00E>test 1',
      'BH4NEW-7>APRS,WIDE1-1:!3631.00N/10341.00E[unknown walker',
      'BH4ABC-7>APRS,WIDE1-1::BH4CON-2 :road blocked at gate 3{17',
    ]);
    dw.feed(audio);
    const moved = await waitFor('unit BH4ABC-9 moved', async () => {
      const u = await unitByCall(host, 'BH4ABC-9');
      return u.positionSource === 'aprs:BH4ABC-9' && u;
    });
    expect(moved.position).toEqual({ lat: 36.5, lon: expect.closeTo(103.6667, 3) });
    expect(moved.positionAt).toBeGreaterThan(before.positionAt ?? 0);

    const heard = await waitFor('heard BH4NEW-7', async () =>
      (await call(host, 'radio.heard.list')).find((h) => h.callsign === 'BH4NEW-7'),
    );
    expect(heard.unitId).toBeNull();
    expect(heard.position?.lat).toBeCloseTo(36.5167, 3);

    const inbox = await waitFor('inbox message', async () =>
      (await call(host, 'radio.message.list', { direction: 'in' })).find((m) => m.msgNo === '17'),
    );
    expect(inbox).toMatchObject({
      from: 'BH4ABC-7',
      to: 'BH4CON-2',
      text: 'road blocked at gate 3',
      state: 'received',
    });
    // Both links heard every frame (pty and TCP); counters say so, the message is stored once.
    await waitFor('both links counted 3 frames', async () => {
      const links = await call(host, 'radio.link.list');
      return links.every((l) => l.status.counters.frames >= 3);
    });
    expect(
      (await call(host, 'radio.message.list', { direction: 'in' })).filter((m) => m.msgNo === '17'),
    ).toHaveLength(1);
  });

  it('sends a message that direwolf puts on air, and marks it acked when the ack is heard', async () => {
    const sent = await call(host, 'radio.message.send', {
      linkId: tcpLink,
      to: 'BH4ABC-9',
      text: 'duty room calling unit 9',
      maxAttempts: 3,
    });
    expect(sent).toMatchObject({ state: 'sent', attempts: 1, from: 'BH4CON-2' });
    const decoded = await waitForTransmitted(
      dw.txRaw,
      `BH4CON-2>APZFSU,WIDE1-1::BH4ABC-9 :duty room calling unit 9{${sent.msgNo}`,
    );
    expect(decoded).toMatch(/DECODED/);
    // The incoming message was acked once, by the addressed station's link only.
    expect(decoded).toContain('BH4CON-2>APZFSU,WIDE1-1::BH4ABC-7 :ack17');
    expect(decoded).not.toContain('BH4CON-1>APZFSU,WIDE1-1::BH4ABC-7 :ack17');

    dw.feed(makeAprsAudio(join(tmp.dir, 'rx2'), [`BH4ABC-9>APRS,WIDE1-1::BH4CON-2 :ack${sent.msgNo}`]));
    const acked = await waitFor('ack', async () =>
      (await call(host, 'radio.message.list', { direction: 'out' })).find(
        (m) => m.id === sent.id && m.state === 'acked',
      ),
    );
    expect(acked.attempts).toBeGreaterThanOrEqual(1);
  });
});
