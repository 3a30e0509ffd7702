import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { MonitorRecord } from '../../contract/radio';
import type { Host } from '../../host/host';
import { encodeAx25 } from '../../native/radio/ax25/frame';
import { parseTnc2 } from '../../native/radio/ax25/tnc2';
import { encodeKissData, encodeKissFrame } from '../../native/radio/kiss/encode';
import { formatNmeaSentence } from '../../native/radio/nmea/sentence';
import { call, makeHost } from '../helpers/host';
import { openDeviceEnd, SocatPair } from '../peers/socat';
import { linkUp, tempDir, unitByCall, waitFor } from './radioHelpers';

function kissOf(tnc2: string): Buffer {
  const f = parseTnc2(tnc2);
  if (!f.ok) throw new Error(f.error.message);
  return Buffer.from(encodeKissData(encodeAx25(f.frame)));
}

/**
 * Serial links on socat pty pairs: KISS and NMEA at the same time, bad input of every kind counted and shown
 * in the monitor, a missing device that never stalls the others, and recovery when socat is killed and
 * started again (a USB adapter unplugged and plugged back).
 */
describe('serial radio links on socat ptys', () => {
  const tmp = tempDir();
  const kissPair = new SocatPair(join(tmp.dir, 'kissA'), join(tmp.dir, 'kissB'));
  const gpsPair = new SocatPair(join(tmp.dir, 'gpsA'), join(tmp.dir, 'gpsB'));
  let host: Host;
  let kissLink: string;
  let gpsLink: string;
  let deadLink: string;
  let gpsUnit: string;
  const monitor: MonitorRecord[] = [];

  beforeAll(async () => {
    await Promise.all([kissPair.start(), gpsPair.start()]);
    host = makeHost(join(tmp.dir, 'data'), {
      demo: true,
      radio: { backoff: { initialMs: 100, maxMs: 400 } },
    });
    host.events.subscribe((e, p) => {
      if (e === 'radio.monitor') monitor.push(p as MonitorRecord);
    });
    gpsUnit = (await call(host, 'unit.list')).find((u) => u.kind === 'vehicle')!.id;
    deadLink = (
      await call(host, 'radio.link.save', {
        name: 'unplugged TNC',
        callsign: 'BH4CON-9',
        endpoint: { kind: 'kiss_serial', serial: { path: join(tmp.dir, 'no-such-tty') } },
      })
    ).id;
    kissLink = (
      await call(host, 'radio.link.save', {
        name: 'TNC',
        callsign: 'BH4CON-1',
        endpoint: { kind: 'kiss_serial', serial: { path: kissPair.a, baudRate: 9600 } },
      })
    ).id;
    gpsLink = (
      await call(host, 'radio.link.save', {
        name: 'vehicle GPS',
        endpoint: { kind: 'nmea_serial', serial: { path: gpsPair.a }, unitId: gpsUnit, minIntervalMs: 0 },
      })
    ).id;
    await call(host, 'radio.monitor.set', { source: kissPair.a, enabled: true });
    await linkUp(host, kissLink);
    await linkUp(host, gpsLink);
  });

  afterAll(async () => {
    await host?.close();
    await kissPair.kill();
    await gpsPair.kill();
    tmp.remove();
  });

  it('decodes KISS through garbage, split reads, oversize and unknown frames, and counts each', async () => {
    const dev = await openDeviceEnd(kissPair.b);
    const good = kissOf('BH4ABC-7>APRS,WIDE1-1:!3629.00N/10339.00E[patrol');
    await dev.write(Buffer.from('line noise \x00\xff\x13 before any frame'));
    await dev.write(
      Buffer.concat([Buffer.from([0xc0, 0x00]), Buffer.alloc(3000, 0x41), Buffer.from([0xc0])]),
    ); // oversize
    await dev.write(Buffer.from(encodeKissFrame({ command: 'txdelay', payload: new Uint8Array([30]) }))); // not data
    await dev.write(kissOf('BH4ABC-7>APRS:{{unknown experimental type')); // unknown APRS type
    await dev.write(good.subarray(0, 10)); // split read
    await new Promise((r) => setTimeout(r, 50));
    await dev.write(good.subarray(10));
    await dev.close();

    const unit = await waitFor('patrol moved', async () => {
      const u = await unitByCall(host, 'BH4ABC-7');
      return u.position?.lat === 36.4833 || (u.positionSource === 'aprs:BH4ABC-7' && u);
    });
    expect(unit).toBeTruthy();
    const status = await waitFor('counters', async () => {
      const l = (await call(host, 'radio.link.list')).find((x) => x.link.id === kissLink)!;
      return l.status.counters.frames >= 1 && l.status.counters;
    });
    expect(status.garbage).toBeGreaterThan(0);
    expect(status.oversize).toBe(1);
    expect(status.unknown).toBeGreaterThanOrEqual(2); // the KISS TXDELAY command and the unknown APRS type
    // The monitor showed the bytes and what they decoded to.
    const rec = monitor.find((m) => m.decoded.some((d) => d.kind === 'aprs' && d.problem === null));
    expect(rec?.hex).toMatch(/^[0-9a-f]{2}( [0-9a-f]{2})*$/);
    expect(rec?.decoded.find((d) => d.problem === null)?.summary).toContain(
      'BH4ABC-7>APRS,WIDE1-1:!3629.00N',
    );
    expect(monitor.some((m) => m.decoded.some((d) => /oversize|longer/i.test(d.problem ?? '')))).toBe(true);
  });

  it('moves the GPS-bound unit from NMEA and counts a bad checksum, while a missing port keeps retrying', async () => {
    const dev = await openDeviceEnd(gpsPair.b);
    const gga = formatNmeaSentence('GPGGA', [
      '031500.00',
      '3633.000',
      'N',
      '10344.400',
      'E',
      '1',
      '08',
      '0.9',
      '1520.0',
      'M',
      '-30.0',
      'M',
      '',
      '',
    ]);
    const rmc = formatNmeaSentence('GNRMC', [
      '031500.00',
      'A',
      '3633.000',
      'N',
      '10344.400',
      'E',
      '12.0',
      '90.0',
      '251126',
      '',
      '',
      'A',
    ]);
    await dev.write('$GPGGA,031500.00,3633.000,N,10344.400,E,1,08,0.9,1520.0,M,-30.0,M,,*00\r\n'); // bad checksum
    await dev.write(`${gga}\r\n${rmc}\r\n`);
    await dev.close();
    const moved = await waitFor('vehicle moved', async () => {
      const u = (await call(host, 'unit.list')).find((x) => x.id === gpsUnit)!;
      return u.positionSource === `gps:${gpsLink}` && u;
    });
    expect(moved.position!.lat).toBeCloseTo(36.55, 5);
    expect(moved.position!.lon).toBeCloseTo(103.74, 5);
    const l = (await call(host, 'radio.link.list')).find((x) => x.link.id === gpsLink)!;
    expect(l.status.counters.badChecksum).toBe(1);

    const dead = (await call(host, 'radio.link.list')).find((x) => x.link.id === deadLink)!;
    expect(dead.status.state).toBe('reconnecting');
    expect(dead.status.lastError).toMatch(/does not exist/);
  });

  it('recovers when socat is killed and started again', async () => {
    await kissPair.kill();
    await waitFor('link noticed', async () => {
      const l = (await call(host, 'radio.link.list')).find((x) => x.link.id === kissLink)!;
      return l.status.state === 'reconnecting' && l;
    });
    await kissPair.start();
    await linkUp(host, kissLink);
    const dev = await openDeviceEnd(kissPair.b);
    await dev.write(kissOf('BH4ABC-7>APRS:!3628.00N/10338.00E[back again'));
    await dev.close();
    await waitFor('patrol moved after reconnect', async () => {
      const u = await unitByCall(host, 'BH4ABC-7');
      return u.position && Math.abs(u.position.lat - 36.4667) < 0.001;
    });
    // Sending works on the new pty too: the test reads what the console wrote.
    const { open } = await import('node:fs/promises');
    const fh = await open(kissPair.b, 'r');
    const read = fh.read(Buffer.alloc(512), 0, 512, null);
    await call(host, 'radio.test.beacon', { linkId: kissLink, text: 'serial beacon' });
    const { bytesRead, buffer } = await read;
    await fh.close();
    expect(buffer.subarray(0, bytesRead).toString('latin1')).toContain('>serial beacon');
  });

  it('opens a port from the technician screen for the monitor, and closes it cleanly', async () => {
    const pair = new SocatPair(join(tmp.dir, 'monA'), join(tmp.dir, 'monB'));
    await pair.start();
    try {
      const statuses: string[] = [];
      const off = host.events.subscribe((e, p) => {
        if (e === 'serial.status' && (p as { path: string }).path === pair.a)
          statuses.push((p as { state: string }).state);
      });
      await call(host, 'radio.monitor.set', { source: pair.a, enabled: true });
      const opened = await call(host, 'serial.open', {
        path: pair.a,
        baudRate: 4800,
        parity: 'even',
        dataBits: 7,
      });
      expect(opened).toMatchObject({
        owner: 'monitor',
        settings: { baudRate: 4800, parity: 'even', dataBits: 7, stopBits: 1, flow: 'none' },
      });
      await waitFor('open', async () =>
        (await call(host, 'serial.status')).find((p) => p.path === pair.a && p.state === 'open'),
      );
      // A link cannot take a port the monitor holds; the error names the holder.
      await expect(call(host, 'serial.open', { path: kissPair.a })).rejects.toThrow(
        /already used by link TNC/,
      );
      const dev = await openDeviceEnd(pair.b);
      await dev.write('AT+HELLO\r\n');
      await dev.close();
      const rec = await waitFor('monitor record', () => monitor.find((m) => m.source === pair.a));
      expect(rec).toMatchObject({
        direction: 'rx',
        ascii: 'AT+HELLO..',
        hex: '41 54 2b 48 45 4c 4c 4f 0d 0a',
        bytes: 10,
      });
      const closed = await call(host, 'serial.close', { path: pair.a });
      expect(closed.state).toBe('closed');
      expect(closed.counters.bytesIn).toBe(10);
      expect(statuses).toContain('open');
      expect(statuses.at(-1)).toBe('closed');
      off();
    } finally {
      await pair.kill();
    }
  });
});
