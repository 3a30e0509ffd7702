/**
 * The map's glyphs and sprite, shipped in the app (renderer/public/map/, made by scripts/make-map-assets.mjs):
 * symbol layers draw text and icons with no glyph or sprite server, so labels work with the WAN unplugged.
 */

/**
 * The one font stack we ship glyph ranges for. It is also a real CSS family on purpose: maplibre draws the
 * characters it does not fetch (CJK, full-width forms, ranges we do not ship) locally with TinySDF in the
 * stack's own name, and only falls back to `localIdeographFontFamily` for the style spec's default stack.
 */
export const MAP_FONT = 'Noto Sans CJK SC';

/** For a basemap style that keeps the default font stack: the same CJK families as the console's CSS. */
export const LOCAL_IDEOGRAPH_FONTS =
  "'Noto Sans CJK SC', 'Noto Sans SC', 'Source Han Sans SC', 'PingFang SC', 'Microsoft YaHei', sans-serif";

export const SPRITE_ICONS = ['unit-heading', 'drone', 'camera', 'intercom', 'incident'] as const;
export type SpriteIcon = (typeof SPRITE_ICONS)[number];

/**
 * Absolute URLs of the shipped assets, resolved against the page, so one style works wherever the console is
 * served from (Electron's app protocol, the browser-mode host, vite's dev server) and never names another
 * origin. The `{…}` tokens are appended, not passed through `URL`, which would percent-encode them.
 */
export function mapAssetUrls(baseUri: string): { glyphs: string; sprite: string } {
  const base = new URL('map/', baseUri).href;
  return { glyphs: `${base}glyphs/{fontstack}/{range}.pbf`, sprite: `${base}sprite` };
}
