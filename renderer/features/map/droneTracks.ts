import type { LineString } from 'geojson';
import type { GeoJSONFeatureDiff, GeoJSONSourceDiff } from 'maplibre-gl';

/** Fixes kept per drone: a few minutes of flight at a 1–2 s fix rate, and a bounded line for the map. */
export const DRONE_TRACK_POINTS = 120;

export type DisplayFn = (lon: number, lat: number) => [number, number];

/** What `flush` hands to `GeoJSONSource.updateData`. */
export interface TrackDiff extends GeoJSONSourceDiff {
  add: GeoJSON.Feature<LineString>[];
  update: GeoJSONFeatureDiff[];
  remove: string[];
}

/**
 * Each drone's recent path (stored WGS-84, oldest first, at most `maxPoints` fixes), kept like the point
 * sources: a fix marks only its drone dirty, and `flush` returns the diff for those tracks alone — a new
 * line, a replaced geometry, or a removal — never the whole collection.
 */
export class DroneTracks {
  private readonly tracks = new Map<string, [number, number][]>();
  /** Tracks the map source holds (only lines with two fixes or more are drawable). */
  private readonly sent = new Set<string>();
  private readonly dirty = new Set<string>();

  constructor(private readonly maxPoints = DRONE_TRACK_POINTS) {}

  get size(): number {
    return this.tracks.size;
  }

  /** The stored fixes of one drone (oldest first). */
  points(id: string): readonly (readonly [number, number])[] {
    return this.tracks.get(id) ?? [];
  }

  /** A new fix. A repeat of the last one (a status change re-sending the position) adds nothing. */
  add(id: string, lon: number, lat: number): void {
    if (!Number.isFinite(lon) || !Number.isFinite(lat)) return;
    let track = this.tracks.get(id);
    if (!track) this.tracks.set(id, (track = []));
    const last = track[track.length - 1];
    if (last && last[0] === lon && last[1] === lat) return;
    track.push([lon, lat]);
    if (track.length > this.maxPoints) track.splice(0, track.length - this.maxPoints);
    this.dirty.add(id);
  }

  delete(id: string): void {
    if (this.tracks.delete(id)) this.dirty.add(id);
  }

  /** After a snapshot: drones no longer listed lose their track; the others keep flying theirs. */
  retain(ids: ReadonlySet<string>): void {
    for (const id of [...this.tracks.keys()]) if (!ids.has(id)) this.delete(id);
  }

  /** The display projection changed: every line is re-sent. */
  touchAll(): void {
    for (const id of this.tracks.keys()) this.dirty.add(id);
  }

  flush(toDisplay: DisplayFn): TrackDiff | null {
    if (!this.dirty.size) return null;
    const diff: TrackDiff = { add: [], update: [], remove: [] };
    for (const id of this.dirty) {
      const track = this.tracks.get(id);
      if (!track || track.length < 2) {
        if (this.sent.delete(id)) diff.remove.push(id);
        continue;
      }
      const geometry: LineString = {
        type: 'LineString',
        coordinates: track.map(([x, y]) => toDisplay(x, y)),
      };
      if (this.sent.has(id)) diff.update.push({ id, newGeometry: geometry });
      else {
        this.sent.add(id);
        diff.add.push({ type: 'Feature', id, properties: { id }, geometry });
      }
    }
    this.dirty.clear();
    return diff.add.length || diff.update.length || diff.remove.length ? diff : null;
  }
}
