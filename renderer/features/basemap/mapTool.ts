/**
 * Which drawing tool owns map clicks (measure, geofence). MapArea's own click (new incident here, select) steps
 * aside while one is active. Read from maplibre handlers, outside React, hence a module-level value.
 */
export type MapTool = 'none' | 'measure' | 'fence';
let tool: MapTool = 'none';
export const getMapTool = (): MapTool => tool;
export const setMapTool = (t: MapTool): void => {
  tool = t;
};
export const isMapToolActive = (): boolean => tool !== 'none';
