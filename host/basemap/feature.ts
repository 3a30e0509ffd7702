import type { HostContext } from '../context';
import type { HostFeature } from '../feature';
import { defineHandlers } from '../router';
import { GeofenceWatcher } from './geofences';
import { BasemapRegistry } from './registry';

/**
 * Basemaps (registry, tiles, imports) and geofences. The demo district's basemap is generated when the demo is
 * loaded (at start with `--demo`, or later from the first-run question, which announces itself with
 * `incidents.reset`).
 */
export function basemapFeature(
  ctx: HostContext,
  options: { fetch?: typeof fetch } = {},
): HostFeature & {
  registry: BasemapRegistry;
  fences: GeofenceWatcher;
} {
  const registry = new BasemapRegistry(ctx, options.fetch);
  const fences = new GeofenceWatcher(ctx, registry.repo);
  let unsubscribe = () => {};
  const demoLoaded = () => ctx.store.getMeta('demo_loaded_at') !== null;
  const ensureDemo = () => {
    if (!demoLoaded()) return;
    registry
      .ensureDemo(ctx.store.reference.gridCells().filter((c) => c.isDemo))
      .catch((e: Error) => ctx.log.error({ err: e.message }, 'demo basemap could not be generated'));
  };
  return {
    name: 'basemap',
    registry,
    fences,
    start() {
      ensureDemo();
      unsubscribe = ctx.events.subscribe((event) => {
        if (event === 'incidents.reset') ensureDemo();
      });
    },
    handlers: [
      defineHandlers({
        'map.tile': (p) => registry.tile(p.id, p.z, p.x, p.y),
        'basemap.list': () => registry.list(),
        'basemap.setActive': (p) => registry.setActive(p.id),
        'basemap.addXyz': (p) => registry.addXyz(p),
        'basemap.delete': (p) => registry.delete(p.id),
        'basemap.test': (p) => registry.test(p.id),
        'basemap.import.begin': (p) => registry.beginImport(p.fileName, p.size, p.crs),
        'basemap.import.chunk': (p) => registry.uploads.chunk(p.uploadId, p.offset, p.data),
        'basemap.import.finish': (p) => registry.finishImport(p.uploadId, p.name, p.attribution),
        'basemap.import.abort': (p) => {
          registry.uploads.abort(p.uploadId);
          return { uploadId: p.uploadId };
        },
        'geofence.list': () => fences.list(),
        'geofence.create': (p) => fences.create(p.name, p.ring as [number, number][]),
        'geofence.delete': (p) => fences.delete(p.id),
      }),
    ],
    async close() {
      unsubscribe();
      fences.close();
      await registry.close();
    },
  };
}
