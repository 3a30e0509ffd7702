import type { Basemap, BasemapCrs, Geofence } from '../contract/basemap';
import type { Db } from './open';

interface BasemapRow {
  id: string;
  name: string;
  kind: 'file' | 'xyz';
  crs: BasemapCrs;
  attribution: string;
  format: Basemap['format'];
  bounds: string;
  minzoom: number;
  maxzoom: number;
  vector_layers: string;
  file: string | null;
  bytes: number | null;
  url_template: string | null;
  subdomains: string;
  secret: string;
  built_in: number;
  created_at: number;
}

/** What the host needs to serve a basemap; the secret stays on this side of the contract. */
export interface StoredBasemap extends Basemap {
  file: string | null;
  subdomains: string[];
  secret: string;
}

export type NewBasemap = Omit<StoredBasemap, 'active' | 'hasKey'>;

const toStored = (r: BasemapRow, activeId: string | null): StoredBasemap => ({
  id: r.id,
  name: r.name,
  kind: r.kind,
  crs: r.crs,
  attribution: r.attribution,
  format: r.format,
  bounds: JSON.parse(r.bounds) as Basemap['bounds'],
  minzoom: r.minzoom,
  maxzoom: r.maxzoom,
  vectorLayers: JSON.parse(r.vector_layers) as string[],
  bytes: r.bytes,
  urlTemplate: r.url_template,
  hasKey: r.secret !== '',
  active: r.id === activeId,
  builtIn: r.built_in === 1,
  createdAt: r.created_at,
  file: r.file,
  subdomains: JSON.parse(r.subdomains) as string[],
  secret: r.secret,
});

/** Strips what only the host may see (file path, key). */
export function publicBasemap(b: StoredBasemap): Basemap {
  const { file: _file, subdomains: _s, secret: _secret, ...rest } = b;
  return rest;
}

/** Basemaps, the active choice and geofences (schema 0005). Local configuration: never synced. */
export class BasemapRepository {
  constructor(private readonly db: Db) {}

  activeId(): string | null {
    const r = this.db.prepare('SELECT basemap_id FROM basemap_active WHERE only_one = 1').get() as
      { basemap_id: string | null } | undefined;
    return r?.basemap_id ?? null;
  }

  setActive(id: string | null): void {
    this.db
      .prepare(
        'INSERT INTO basemap_active (only_one, basemap_id) VALUES (1, ?) ON CONFLICT (only_one) DO UPDATE SET basemap_id = excluded.basemap_id',
      )
      .run(id);
  }

  list(): StoredBasemap[] {
    const active = this.activeId();
    return (
      this.db.prepare('SELECT * FROM basemaps ORDER BY built_in DESC, created_at').all() as BasemapRow[]
    ).map((r) => toStored(r, active));
  }

  get(id: string): StoredBasemap | null {
    const r = this.db.prepare('SELECT * FROM basemaps WHERE id = ?').get(id) as BasemapRow | undefined;
    return r ? toStored(r, this.activeId()) : null;
  }

  insert(b: NewBasemap): void {
    this.db
      .prepare(
        `INSERT INTO basemaps (id, name, kind, crs, attribution, format, bounds, minzoom, maxzoom, vector_layers,
           file, bytes, url_template, subdomains, secret, built_in, created_at)
         VALUES (@id, @name, @kind, @crs, @attribution, @format, @bounds, @minzoom, @maxzoom, @vectorLayers,
           @file, @bytes, @urlTemplate, @subdomains, @secret, @builtIn, @createdAt)`,
      )
      .run({
        ...b,
        bounds: JSON.stringify(b.bounds),
        vectorLayers: JSON.stringify(b.vectorLayers),
        subdomains: JSON.stringify(b.subdomains),
        builtIn: b.builtIn ? 1 : 0,
      });
  }

  delete(id: string): void {
    this.db.prepare('DELETE FROM basemaps WHERE id = ?').run(id);
  }

  fences(): Geofence[] {
    return (
      this.db.prepare('SELECT id, name, ring, created_at FROM geofences ORDER BY created_at').all() as {
        id: string;
        name: string;
        ring: string;
        created_at: number;
      }[]
    ).map((r) => ({
      id: r.id,
      name: r.name,
      ring: JSON.parse(r.ring) as Geofence['ring'],
      createdAt: r.created_at,
    }));
  }

  insertFence(f: Geofence): void {
    this.db
      .prepare('INSERT INTO geofences (id, name, ring, created_at) VALUES (?, ?, ?, ?)')
      .run(f.id, f.name, JSON.stringify(f.ring), f.createdAt);
  }

  deleteFence(id: string): boolean {
    return this.db.prepare('DELETE FROM geofences WHERE id = ?').run(id).changes > 0;
  }
}
