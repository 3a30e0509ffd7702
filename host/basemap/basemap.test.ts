import { readFileSync, statSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import { afterEach, describe, expect, it } from 'vitest';
import type { EventPayload, HostError } from '../../contract';
import type { Host } from '../host';
import { moveUnit } from '../radio/unitPositions';
import { call, makeHost } from '../../test/helpers/host';
import { useTempDirs } from '../../test/helpers/tmp';

const MAP = new URL('../../../shared/data/map/', import.meta.url);
const fixture = (name: string) => new URL(name, MAP).pathname;

const tempDir = useTempDirs();
let host: Host | null = null;
afterEach(async () => {
  await host?.close();
  host = null;
});

async function importFile(h: Host, path: string, fileName: string, attribution?: string) {
  const bytes = readFileSync(path);
  const { uploadId, chunkMaxBytes } = await call(h, 'basemap.import.begin', {
    fileName,
    size: bytes.length,
    crs: 'wgs84',
  });
  for (let off = 0; off < bytes.length; off += chunkMaxBytes)
    await call(h, 'basemap.import.chunk', {
      uploadId,
      offset: off,
      data: bytes.subarray(off, off + chunkMaxBytes).toString('base64'),
    });
  return call(h, 'basemap.import.finish', { uploadId, attribution });
}

async function demoHost(): Promise<Host> {
  const h = makeHost(tempDir(), { demo: true });
  for (let i = 0; i < 100 && (await call(h, 'basemap.list')).length === 0; i++)
    await new Promise((r) => setTimeout(r, 20));
  return h;
}

const hostError = (e: unknown) => (e as { hostError: HostError }).hostError;

describe('basemap registry and map.tile', () => {
  it('generates the demo district basemap, makes it active and serves gzipped vector tiles', async () => {
    host = await demoHost();
    const [demo] = await call(host, 'basemap.list');
    expect(demo).toMatchObject({ builtIn: true, active: true, format: 'pbf', minzoom: 10, maxzoom: 16 });
    expect(demo!.vectorLayers).toEqual(expect.arrayContaining(['roads', 'water', 'grid']));
    // z13 tile over 103.68 E, 36.50 N
    const t = await call(host, 'map.tile', { id: demo!.id, z: 13, x: 6455, y: 3202 });
    expect(t.status).toBe(200);
    if (t.status !== 200) return;
    expect(t).toMatchObject({ contentType: 'application/x-protobuf', encoding: 'gzip' });
    expect(gunzipSync(Buffer.from(t.data, 'base64')).length).toBeGreaterThan(100);
    expect(await call(host, 'map.tile', { id: demo!.id, z: 3, x: 0, y: 0 })).toEqual({ status: 204 });
    await expect(call(host, 'basemap.delete', { id: demo!.id })).rejects.toThrow(/built-in/);
  });

  it('refuses invalid and empty files with host/map’s reason, naming the file the operator chose', async () => {
    host = makeHost(tempDir());
    for (const [name, reason] of [
      ['invalid.pmtiles', /PMTiles|corrupt|not/i],
      ['empty.pmtiles', /empty|0 bytes/i],
      ['invalid.mbtiles', /MBTiles|SQLite|not/i],
    ] as const) {
      const err = await importFile(host, fixture(name), name).then(
        () => null,
        (e: unknown) => hostError(e),
      );
      expect(err, name).not.toBeNull();
      expect(err!.code).toBe('bad_request');
      expect(String(err!.params?.detail)).toContain(`"${name}"`);
      expect(String(err!.params?.detail)).toMatch(reason);
      expect(String(err!.params?.detail)).not.toContain('incoming');
    }
    expect(await call(host, 'basemap.list')).toEqual([]);
  });

  it('imports the raster world PMTiles with its attribution and bounds, serves PNG, deletes it', async () => {
    host = makeHost(tempDir());
    const b = await importFile(
      host,
      fixture('stamen_toner_raster_z3.pmtiles'),
      'stamen_toner_raster_z3.pmtiles',
      '© Stamen Design (CC BY 4.0) · © OpenStreetMap contributors (ODbL)',
    );
    expect(b).toMatchObject({ kind: 'file', format: 'png', minzoom: 0, maxzoom: 3, active: false });
    expect(b.attribution).toMatch(/Stamen|OpenStreetMap/);
    expect(b.bytes).toBe(statSync(fixture('stamen_toner_raster_z3.pmtiles')).size);
    const t = await call(host, 'map.tile', { id: b.id, z: 1, x: 1, y: 0 });
    expect(t).toMatchObject({ status: 200, contentType: 'image/png' });
    expect((await call(host, 'basemap.setActive', { id: b.id })).find((x) => x.id === b.id)?.active).toBe(
      true,
    );
    expect(await call(host, 'basemap.test', { id: b.id })).toMatchObject({ ok: true });
    await call(host, 'basemap.delete', { id: b.id });
    expect(await call(host, 'basemap.list')).toEqual([]);
  });

  it('an unreachable online source fails with a clear reason and never shows or stores its key in a reply', async () => {
    host = makeHost(tempDir());
    const b = await call(host, 'basemap.addXyz', {
      name: 'Tianditu',
      urlTemplate: 'http://127.0.0.1:1/vec_w/{z}/{x}/{y}.png?tk={key}',
      key: 'SECRET-KEY-123',
      crs: 'gcj02',
      attribution: '天地图',
    });
    expect(JSON.stringify(b)).not.toContain('SECRET');
    expect(b).toMatchObject({ hasKey: true, crs: 'gcj02' });
    const err = await call(host, 'map.tile', { id: b.id, z: 3, x: 6, y: 3 }).then(
      () => null,
      (e: unknown) => hostError(e),
    );
    expect(err?.code).toBe('unavailable');
    expect(err?.message).toMatch(/could not be reached/);
    expect(err?.message).toContain('tk=***');
    expect(err?.message).not.toContain('SECRET');
    const test = await call(host, 'basemap.test', { id: b.id });
    expect(test.ok).toBe(false);
    const audit = host.ctx.store.db.prepare("SELECT data FROM audit_log WHERE action LIKE 'basemap.%'").all();
    expect(JSON.stringify(audit)).not.toContain('SECRET');
  });
});

describe('geofence wiring', () => {
  it('alerts when a unit moved by any bridge enters or leaves a saved fence', async () => {
    host = await demoHost();
    const alerts: EventPayload<'geofence.alert'>[] = [];
    host.events.subscribe((e, p) => {
      if (e === 'geofence.alert') alerts.push(p as EventPayload<'geofence.alert'>);
    });
    const unit = host.ctx.store.reference.units()[0]!;
    moveUnit(host.ctx, unit, { lon: 103.5, lat: 36.3 }, 'test');
    const fence = await call(host, 'geofence.create', {
      name: '警戒区',
      ring: [
        [103.6, 36.4],
        [103.8, 36.4],
        [103.8, 36.6],
        [103.6, 36.6],
      ],
    });
    expect(await call(host, 'geofence.list')).toHaveLength(1);
    moveUnit(host.ctx, unit, { lon: 103.7, lat: 36.5 }, 'test');
    moveUnit(host.ctx, unit, { lon: 103.9, lat: 36.5 }, 'test');
    const mine = alerts.filter((a) => a.unitId === unit.id);
    expect(mine.map((a) => a.kind)).toEqual(['enter', 'leave']);
    expect(mine[0]).toMatchObject({ fenceId: fence.id, fenceName: '警戒区', unitName: unit.name });
    const audited = host.ctx.store.db
      .prepare("SELECT action FROM audit_log WHERE action IN ('geofence.enter', 'geofence.leave')")
      .all();
    expect(audited.length).toBeGreaterThanOrEqual(2);
  });
});
