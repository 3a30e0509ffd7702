import type { Feature, Point } from 'geojson';
import type { GeoJSONFeatureDiff, GeoJSONSourceDiff } from 'maplibre-gl';

export type PointProps = Record<string, string | number | boolean>;
export type PointFeature<P extends PointProps> = Feature<Point, P> & { id: string };

/** What `flush` hands to `GeoJSONSource.updateData`: only what changed since the previous flush. */
export interface PointDiff<P extends PointProps> extends GeoJSONSourceDiff {
  add: PointFeature<P>[];
  update: GeoJSONFeatureDiff[];
  remove: string[];
}

function sameCoords(a: Point, b: Point): boolean {
  return a.coordinates[0] === b.coordinates[0] && a.coordinates[1] === b.coordinates[1];
}

/**
 * The wanted contents of one GeoJSON point source, keyed by feature id, and what the map source already holds.
 * Changes only mark ids dirty; `flush` turns the dirty ids into the smallest add/update/remove diff, so a
 * thousand moves between two frames cost one `updateData` with a thousand geometry updates — never a full
 * `setData` of the whole collection, which would make the worker re-index every feature.
 */
export class IncrementalSource<P extends PointProps> {
  private readonly wanted = new Map<string, PointFeature<P>>();
  /** What the map source holds after the last flush (the features we sent, by id). */
  private readonly sent = new Map<string, PointFeature<P>>();
  private readonly dirty = new Set<string>();

  get size(): number {
    return this.wanted.size;
  }

  get pending(): boolean {
    return this.dirty.size > 0;
  }

  get(id: string): PointFeature<P> | undefined {
    return this.wanted.get(id);
  }

  ids(): IterableIterator<string> {
    return this.wanted.keys();
  }

  /** Put (or replace) a feature. Replacing with an equal feature still costs nothing at flush time. */
  set(feature: PointFeature<P>): void {
    this.wanted.set(feature.id, feature);
    this.dirty.add(feature.id);
  }

  delete(id: string): void {
    if (this.wanted.delete(id)) this.dirty.add(id);
  }

  /** The whole picture again (after a reconnect): whatever differs from the map source goes out at the next flush. */
  replaceAll(features: Iterable<PointFeature<P>>): void {
    for (const id of this.wanted.keys()) this.dirty.add(id);
    this.wanted.clear();
    for (const f of features) {
      this.wanted.set(f.id, f);
      this.dirty.add(f.id);
    }
  }

  /** Everything that changed since the last flush, or null when nothing did. The source is then up to date. */
  flush(): PointDiff<P> | null {
    if (!this.dirty.size) return null;
    const diff: PointDiff<P> = { add: [], update: [], remove: [] };
    for (const id of this.dirty) {
      const want = this.wanted.get(id);
      const had = this.sent.get(id);
      if (!want) {
        if (had) {
          diff.remove.push(id);
          this.sent.delete(id);
        }
        continue;
      }
      this.sent.set(id, want);
      if (!had) {
        diff.add.push(want);
        continue;
      }
      if (had === want) continue;
      const update = featureDiff(had, want);
      if (update) diff.update.push(update);
    }
    this.dirty.clear();
    return diff.add.length || diff.update.length || diff.remove.length ? diff : null;
  }
}

/** The update that turns `had` into `want`: a new geometry and/or the properties that changed, or null. */
export function featureDiff<P extends PointProps>(
  had: PointFeature<P>,
  want: PointFeature<P>,
): GeoJSONFeatureDiff | null {
  const update: GeoJSONFeatureDiff = { id: want.id };
  let changed = false;
  if (!sameCoords(had.geometry, want.geometry)) {
    update.newGeometry = want.geometry;
    changed = true;
  }
  const props: { key: string; value: unknown }[] = [];
  for (const key of Object.keys(want.properties)) {
    if (had.properties[key] !== want.properties[key]) props.push({ key, value: want.properties[key] });
  }
  const gone = Object.keys(had.properties).filter((k) => !(k in want.properties));
  if (props.length) update.addOrUpdateProperties = props;
  if (gone.length) update.removeProperties = gone;
  if (props.length || gone.length) changed = true;
  return changed ? update : null;
}
