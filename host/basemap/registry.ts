import { copyFileSync, mkdirSync, renameSync, rmSync, statSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { v7 as uuidv7 } from 'uuid';
import { HostFailure } from '../../contract';
import {
  BASEMAP_CHUNK_MAX_BYTES,
  BASEMAP_FILE_MAX_BYTES,
  type Basemap,
  type BasemapCrs,
} from '../../contract/basemap';
import type { MethodParamsParsed, MethodResult } from '../../contract';
import { BasemapRepository, publicBasemap, type StoredBasemap } from '../../db/basemaps';
import type { HostContext } from '../context';
import { openTileSource, type TileSource } from '../map/tileSource';
import { WORLD_BOUNDS } from '../map/tileResponse';
import { auditLocal } from '../radio/audit';
import { ChunkedUploads } from '../uploads/chunkedUpload';
import { DEMO_BASEMAP_NAME, writeDemoBasemap } from './demoBasemap';
import { fetchXyzTile } from './xyz';

type TileResult = MethodResult<'map.tile'>;

/**
 * The basemaps this console knows: imported files (copied into `<data>/basemaps/`, validated before they are
 * registered) and online XYZ templates. Serves their tiles to the map through `map.tile`.
 */
export class BasemapRegistry {
  readonly dir: string;
  readonly repo: BasemapRepository;
  readonly uploads: ChunkedUploads;
  private readonly sources = new Map<string, Promise<TileSource>>();

  constructor(
    private readonly ctx: HostContext,
    private readonly fetchImpl: typeof fetch = fetch,
  ) {
    this.dir = join(dirname(ctx.store.path), 'basemaps');
    this.repo = new BasemapRepository(ctx.store.db);
    this.uploads = new ChunkedUploads(join(this.dir, 'incoming'), 'basemap.import', BASEMAP_FILE_MAX_BYTES);
  }

  list(): Basemap[] {
    return this.repo.list().map(publicBasemap);
  }

  private changed(): Basemap[] {
    const basemaps = this.list();
    this.ctx.events.publish('basemap.changed', { basemaps });
    return basemaps;
  }

  private stored(id: string): StoredBasemap {
    const b = this.repo.get(id);
    if (!b) throw new HostFailure('not_found', { entity: 'basemap', id });
    return b;
  }

  setActive(id: string | null): Basemap[] {
    if (id) this.stored(id);
    auditLocal(this.ctx, 'basemap.activate', 'basemap', id ?? '', {}, () => this.repo.setActive(id));
    return this.changed();
  }

  addXyz(p: MethodParamsParsed<'basemap.addXyz'>): Basemap {
    const id = uuidv7();
    const row = {
      id,
      name: p.name,
      kind: 'xyz' as const,
      crs: p.crs,
      attribution: p.attribution,
      format: p.format,
      bounds: [...WORLD_BOUNDS] as [number, number, number, number],
      minzoom: p.minzoom,
      maxzoom: Math.max(p.minzoom, p.maxzoom),
      vectorLayers: [],
      bytes: null,
      urlTemplate: p.urlTemplate,
      builtIn: false,
      createdAt: this.ctx.now(),
      file: null,
      subdomains: p.subdomains,
      secret: p.key,
    };
    // The audit names the template, never the key.
    auditLocal(
      this.ctx,
      'basemap.addXyz',
      'basemap',
      id,
      { name: p.name, urlTemplate: p.urlTemplate, crs: p.crs },
      () => this.repo.insert(row),
    );
    this.changed();
    return publicBasemap(this.stored(id));
  }

  async delete(id: string): Promise<{ id: string }> {
    const b = this.stored(id);
    if (b.builtIn)
      throw new HostFailure('bad_request', {
        method: 'basemap.delete',
        detail: `"${b.name}" is the demo district's built-in basemap and cannot be deleted; choose another basemap instead`,
      });
    await this.closeSource(id);
    auditLocal(this.ctx, 'basemap.delete', 'basemap', id, { name: b.name }, () => this.repo.delete(id));
    if (b.file) rmSync(join(this.dir, b.file), { force: true });
    this.changed();
    return { id };
  }

  private async closeSource(id: string): Promise<void> {
    const s = this.sources.get(id);
    this.sources.delete(id);
    if (s) await s.then((src) => src.close()).catch(() => undefined);
  }

  private source(b: StoredBasemap): Promise<TileSource> {
    let s = this.sources.get(b.id);
    if (!s) {
      s = openTileSource(join(this.dir, b.file!)).then((r) => {
        if (!r.ok) throw new Error(r.problem.message);
        return r.value;
      });
      // A failed open is retried on the next tile (the file may have been restored).
      s.catch(() => this.sources.delete(b.id));
      this.sources.set(b.id, s);
    }
    return s;
  }

  async tile(id: string, z: number, x: number, y: number): Promise<TileResult> {
    const b = this.stored(id);
    const fail = (detail: string) =>
      new HostFailure('unavailable', { detail: `basemap "${b.name}": ${detail}`, basemap: b.id });
    if (b.kind === 'xyz') {
      if (z < b.minzoom || z > b.maxzoom) return { status: 204 };
      const r = await fetchXyzTile({ ...b, urlTemplate: b.urlTemplate ?? '' }, z, x, y, 8000, this.fetchImpl);
      if (!r.ok) throw fail(r.detail);
      if (r.status === 204) return { status: 204 };
      return {
        status: 200,
        data: Buffer.from(r.body).toString('base64'),
        contentType: r.contentType,
        encoding: 'identity',
      };
    }
    let src: TileSource;
    try {
      src = await this.source(b);
    } catch (e) {
      throw fail((e as Error).message);
    }
    const r = await src.getTile(z, x, y);
    if (r.status === 204) return { status: 204 };
    if (r.status !== 200) throw fail(r.reason);
    return {
      status: 200,
      data: Buffer.from(r.body).toString('base64'),
      contentType: r.headers['content-type'] ?? 'application/octet-stream',
      encoding: r.headers['content-encoding'] === 'gzip' ? 'gzip' : 'identity',
    };
  }

  /** Fetches the tile at the centre of the basemap's bounds at its lowest zoom, the way the map would. */
  async test(id: string): Promise<{ ok: boolean; detail: string; ms: number }> {
    const b = this.stored(id);
    const t0 = performance.now();
    const [w, s, e, n] = b.bounds;
    const z = Math.max(b.minzoom, b.kind === 'xyz' ? 3 : b.minzoom);
    const lon = (w + e) / 2;
    const lat = (s + n) / 2;
    const x = Math.floor(((lon + 180) / 360) * 2 ** z);
    const r = (lat * Math.PI) / 180;
    const y = Math.floor(((1 - Math.log(Math.tan(r) + 1 / Math.cos(r)) / Math.PI) / 2) * 2 ** z);
    try {
      const t = await this.tile(id, z, x, y);
      const ms = Math.round(performance.now() - t0);
      return {
        ok: true,
        detail: t.status === 200 ? `tile ${z}/${x}/${y}: ${t.contentType}` : `tile ${z}/${x}/${y}: empty`,
        ms,
      };
    } catch (e) {
      const f = e as HostFailure;
      return {
        ok: false,
        detail: String(f.params?.detail ?? f.message),
        ms: Math.round(performance.now() - t0),
      };
    }
  }

  beginImport(fileName: string, size: number, crs: BasemapCrs): { uploadId: string; chunkMaxBytes: number } {
    const u = this.uploads.begin(basename(fileName), size);
    this.pendingCrs.set(u.id, crs);
    return { uploadId: u.id, chunkMaxBytes: BASEMAP_CHUNK_MAX_BYTES };
  }
  /** The coordinate system declared at begin, applied at finish. */
  readonly pendingCrs = new Map<string, BasemapCrs>();

  /** Validates the uploaded file with host/map before it is registered; a bad file is deleted and explained. */
  async finishImport(uploadId: string, name?: string, attribution?: string): Promise<Basemap> {
    const u = this.uploads.finish(uploadId);
    const crs = this.pendingCrs.get(uploadId) ?? 'wgs84';
    this.pendingCrs.delete(uploadId);
    return this.register(u.path, u.fileName, crs, name, true, false, attribution);
  }

  /** Opens `path` with host/map, refuses it with the operator-readable problem, else moves/copies it in. */
  async register(
    path: string,
    fileName: string,
    crs: BasemapCrs,
    name: string | undefined,
    move: boolean,
    builtIn = false,
    attribution?: string,
  ): Promise<Basemap> {
    const opened = await openTileSource(path);
    if (!opened.ok) {
      if (move) rmSync(path, { force: true });
      // The problem names the temporary path; the operator knows the file by the name they picked.
      const detail = opened.problem.message.split(path).join(fileName);
      throw new HostFailure(
        'bad_request',
        { method: 'basemap.import', detail, reason: opened.problem.reason, file: fileName },
        [{ path: 'file', message: detail }],
      );
    }
    const src = opened.value;
    const info = src.info;
    await src.close();
    const id = uuidv7();
    const file = `${id}.${src.kind}`;
    mkdirSync(this.dir, { recursive: true });
    if (move) renameSync(path, join(this.dir, file));
    else copyFileSync(path, join(this.dir, file));
    const row = {
      id,
      // Files without a name in their metadata report their path's base name: that would be our temporary file.
      name: name?.trim() || (info.name && !info.name.includes(basename(path)) ? info.name : fileName),
      kind: 'file' as const,
      crs,
      attribution: attribution || info.attribution || '',
      format: info.format,
      bounds: [...info.bounds] as [number, number, number, number],
      minzoom: info.minzoom,
      maxzoom: info.maxzoom,
      vectorLayers: [...(info.vectorLayers ?? [])],
      bytes: statSync(join(this.dir, file)).size,
      urlTemplate: null,
      builtIn,
      createdAt: this.ctx.now(),
      file,
      subdomains: [],
      secret: '',
    };
    auditLocal(
      this.ctx,
      'basemap.import',
      'basemap',
      id,
      { name: row.name, fileName, format: row.format, bytes: row.bytes },
      () => {
        this.repo.insert(row);
        if (builtIn && this.repo.activeId() === null) this.repo.setActive(id);
      },
    );
    this.changed();
    return publicBasemap(this.stored(id));
  }

  /** The demo district's basemap, generated once when the demo is loaded, and made active if nothing else is. */
  async ensureDemo(cells: Parameters<typeof writeDemoBasemap>[1]): Promise<void> {
    if (this.repo.list().some((b) => b.builtIn)) return;
    mkdirSync(this.dir, { recursive: true });
    const tmp = join(this.dir, `demo-${process.pid}-${Date.now()}.mbtiles.tmp`);
    try {
      writeDemoBasemap(tmp, cells);
      await this.register(tmp, 'demo.mbtiles', 'wgs84', DEMO_BASEMAP_NAME, true, true);
    } finally {
      rmSync(tmp, { force: true });
    }
  }

  async close(): Promise<void> {
    this.uploads.closeAll();
    for (const id of [...this.sources.keys()]) await this.closeSource(id);
  }
}
