import { MapFeedReader } from '../../db/mapFeed';
import type { HostContext } from '../context';
import type { HostFeature } from '../feature';
import { defineHandlers } from '../router';

/** `map.snapshot`: the map's full picture in pages; events keep it current afterwards. */
export function mapFeedFeature(ctx: HostContext): HostFeature {
  const reader = new MapFeedReader(ctx.store.db);
  return {
    name: 'mapFeed',
    handlers: [
      defineHandlers({
        'map.snapshot': ({ layer, after, limit }) => {
          if (layer === 'incidents') {
            const incidents = reader.openIncidents(after, limit);
            const next = incidents.length === limit ? incidents[limit - 1]![0] : null;
            return { incidents, units: [], next };
          }
          const units = reader.positionedUnits(after, limit);
          const next = units.length === limit ? units[limit - 1]![0] : null;
          return { incidents: [], units, next };
        },
      }),
    ],
  };
}
