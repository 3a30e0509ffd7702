import { readFileSync, readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { PbfReader } from 'pbf';
import { describe, expect, it } from 'vitest';
import { MAP_FONT, SPRITE_ICONS, mapAssetUrls } from './mapAssets';
import { offlineStyle } from './mapStyle';

const PUBLIC = fileURLToPath(new URL('../../public/map/', import.meta.url));
/** maplibre's glyph bitmap border (GLYPH_PBF_BORDER): every bitmap is (width + 6) × (height + 6). */
const BORDER = 3;

interface Glyph {
  id: number;
  bitmap: Uint8Array;
  width: number;
  height: number;
  left: number;
  top: number;
  advance: number;
}

/** The glyph protobuf, read field by field as maplibre's parse_glyph_pbf.ts does. */
function decodeGlyphs(buf: Uint8Array): { name: string; range: string; glyphs: Glyph[] }[] {
  const stacks: { name: string; range: string; glyphs: Glyph[] }[] = [];
  new PbfReader(buf).readFields((tag, _r, pbf) => {
    if (tag !== 1) return;
    const stack = pbf.readMessage(
      (t, s: { name: string; range: string; glyphs: Glyph[] }, p) => {
        if (t === 1) s.name = p.readString();
        else if (t === 2) s.range = p.readString();
        else if (t === 3) {
          const g = p.readMessage(
            (gt, gl: Glyph, gp) => {
              if (gt === 1) gl.id = gp.readVarint();
              else if (gt === 2) gl.bitmap = gp.readBytes();
              else if (gt === 3) gl.width = gp.readVarint();
              else if (gt === 4) gl.height = gp.readVarint();
              else if (gt === 5) gl.left = gp.readSVarint();
              else if (gt === 6) gl.top = gp.readSVarint();
              else if (gt === 7) gl.advance = gp.readVarint();
            },
            { id: -1, bitmap: new Uint8Array(), width: 0, height: 0, left: 0, top: 0, advance: 0 },
          );
          s.glyphs.push(g);
        }
      },
      { name: '', range: '', glyphs: [] },
    );
    stacks.push(stack);
  }, null);
  return stacks;
}

/** Width and height from a PNG's IHDR chunk. */
function pngSize(buf: Buffer): { width: number; height: number } {
  expect(buf.subarray(1, 4).toString('ascii')).toBe('PNG');
  return { width: buf.readUInt32BE(16), height: buf.readUInt32BE(20) };
}

describe('shipped map glyphs', () => {
  const dir = `${PUBLIC}glyphs/${MAP_FONT}/`;

  it('0-255 holds the font stack, and a drawable glyph for every digit, letter and code separator', () => {
    const [stack, ...rest] = decodeGlyphs(readFileSync(`${dir}0-255.pbf`));
    expect(rest).toEqual([]);
    expect(stack!.name).toBe(MAP_FONT);
    expect(stack!.range).toBe('0-255');
    const byId = new Map(stack!.glyphs.map((g) => [g.id, g]));
    const needed = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz-_./:,()#';
    for (const ch of needed) {
      const g = byId.get(ch.codePointAt(0)!);
      expect(g, `glyph for ${ch}`).toBeDefined();
      expect(g!.width * g!.height, `ink for ${ch}`).toBeGreaterThan(0);
      expect(g!.bitmap.length).toBe((g!.width + 2 * BORDER) * (g!.height + 2 * BORDER));
      expect(g!.advance).toBeGreaterThan(0);
    }
    // A space has no ink but must advance, or codes would run together.
    const space = byId.get(32)!;
    expect(space.bitmap.length).toBe(0);
    expect(space.advance).toBeGreaterThan(3);
    // The baseline: a capital rises above it, a descender hangs below (top is negative from the em box).
    expect(byId.get(72)!.top).toBeLessThan(0);
    expect(byId.get(112)!.top - byId.get(112)!.height).toBeLessThan(byId.get(72)!.top - byId.get(72)!.height);
    // No control characters: maplibre would never ask for them.
    expect(stack!.glyphs.every((g) => g.id >= 32 && g.id <= 255 && (g.id < 127 || g.id > 159))).toBe(true);
  });

  it('every shipped range is a well-formed 256-code-point range of the one stack', () => {
    const files = readdirSync(dir).sort();
    expect(files).toContain('0-255.pbf');
    for (const f of files) {
      const [start, end] = f.replace('.pbf', '').split('-').map(Number) as [number, number];
      expect(start % 256).toBe(0);
      expect(end).toBe(start + 255);
      const [stack] = decodeGlyphs(readFileSync(`${dir}${f}`));
      expect(stack!.range).toBe(`${start}-${end}`);
      for (const g of stack!.glyphs) {
        expect(g.id).toBeGreaterThanOrEqual(start);
        expect(g.id).toBeLessThanOrEqual(end);
        expect(g.bitmap.length).toBe(g.width ? (g.width + 2 * BORDER) * (g.height + 2 * BORDER) : 0);
      }
    }
  });
});

describe('shipped map sprite', () => {
  for (const [suffix, ratio] of [
    ['', 1],
    ['@2x', 2],
  ] as const) {
    it(`sprite${suffix}.json lists every icon inside sprite${suffix}.png, at pixel ratio ${ratio}`, () => {
      const index = JSON.parse(readFileSync(`${PUBLIC}sprite${suffix}.json`, 'utf8')) as Record<
        string,
        { x: number; y: number; width: number; height: number; pixelRatio: number }
      >;
      const png = pngSize(readFileSync(`${PUBLIC}sprite${suffix}.png`));
      expect(Object.keys(index).sort()).toEqual([...SPRITE_ICONS].sort());
      let right = 0;
      let bottom = 0;
      for (const [name, box] of Object.entries(index)) {
        expect(box.pixelRatio, name).toBe(ratio);
        expect(box.x).toBeGreaterThanOrEqual(0);
        expect(box.y).toBeGreaterThanOrEqual(0);
        right = Math.max(right, box.x + box.width);
        bottom = Math.max(bottom, box.y + box.height);
      }
      expect(right).toBeLessThanOrEqual(png.width);
      expect(bottom).toBe(png.height);
      // Packed without waste beyond the gaps: the image is no wider than the icons plus 2 px each.
      expect(png.width).toBeLessThanOrEqual(right + 2 * ratio);
    });
  }

  it('the @2x index is the 1x one doubled', () => {
    const one = JSON.parse(readFileSync(`${PUBLIC}sprite.json`, 'utf8')) as Record<string, { width: number }>;
    const two = JSON.parse(readFileSync(`${PUBLIC}sprite@2x.json`, 'utf8')) as Record<
      string,
      { width: number }
    >;
    for (const name of SPRITE_ICONS) expect(two[name]!.width).toBe(one[name]!.width * 2);
  });
});

describe('asset URLs', () => {
  it('are absolute on the page origin, with the maplibre tokens intact, under every way the console is served', () => {
    for (const base of ['fengsui://app/index.html', 'http://127.0.0.1:8123/', 'http://localhost:5173/#/x']) {
      const urls = mapAssetUrls(base);
      const origin = new URL(base).origin;
      expect(urls.glyphs.startsWith(new URL('/map/glyphs/', base).href)).toBe(true);
      expect(urls.glyphs.endsWith('/{fontstack}/{range}.pbf')).toBe(true);
      expect(urls.sprite).toBe(new URL('/map/sprite', base).href);
      if (origin !== 'null') expect(new URL(urls.sprite).origin).toBe(origin);
    }
    const style = offlineStyle('http://127.0.0.1:8123/');
    expect(style.glyphs).toBe('http://127.0.0.1:8123/map/glyphs/{fontstack}/{range}.pbf');
    expect(style.sprite).toBe('http://127.0.0.1:8123/map/sprite');
  });
});
