#!/usr/bin/env node
// `node scripts/make-map-assets.mjs`: regenerates the dispatch map's offline glyphs and sprite under
// renderer/public/map/ (committed; vite copies them into the build, so Electron's app protocol and the
// browser-mode host serve them from the app's own origin — the map needs no glyph or sprite server).
//
// Glyphs: maplibre's glyph protobuf, one file per 256-code-point range, drawn by TinySDF (the same
// rasteriser maplibre uses for local CJK, so both line up) inside headless Chromium with the system's
// "Noto Sans CJK SC" — whose Latin matches the CJK that maplibre draws locally with the same family name.
// Sprite: the map's icons drawn on a canvas at 1× and 2×, packed in a row, with their index JSON.
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import { PbfWriter } from 'pbf';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const out = join(root, 'renderer/public/map');
/** Must equal MAP_FONT in renderer/features/map/mapAssets.ts (the glyph URL's {fontstack}). */
const FONT = 'Noto Sans CJK SC';
/**
 * Latin-1, Latin Extended-A and general punctuation: codes, numbers, units and separators. CJK, full-width
 * forms and CJK punctuation are drawn locally by maplibre and never fetched; a range not shipped here comes
 * back 404 and maplibre draws those characters locally instead (a console warning, no map error).
 */
const RANGES = [0, 256, 8192];
/** maplibre's server-glyph geometry: 24 px em, 3 px border, 8 px SDF radius. */
const SDF = { fontSize: 24, buffer: 3, radius: 8, cutoff: 0.25 };
/**
 * maplibre places local glyphs at `glyphTop - 27.5` (glyph_manager.ts topAdjustment): the same baseline here
 * keeps shipped Latin and locally drawn CJK on one line.
 */
const TOP_ADJUSTMENT = 27.5;

const tinySdfSource = readFileSync(join(root, 'node_modules/@mapbox/tiny-sdf/index.js'), 'utf8').replace(
  'export default class TinySDF',
  'window.TinySDF = class TinySDF',
);

/** Glyph protobuf: glyphs { fontstack { name, range, glyph { id, bitmap, width, height, left, top, advance } } } */
function encodeRange(name, start, glyphs) {
  const pbf = new PbfWriter();
  pbf.writeMessage(
    1,
    (_, w) => {
      w.writeStringField(1, name);
      w.writeStringField(2, `${start}-${start + 255}`);
      for (const g of glyphs) {
        w.writeMessage(
          3,
          (gl, gw) => {
            gw.writeVarintField(1, gl.id);
            if (gl.bitmap.length) gw.writeBytesField(2, gl.bitmap);
            gw.writeVarintField(3, gl.width);
            gw.writeVarintField(4, gl.height);
            gw.writeSVarintField(5, gl.left);
            gw.writeSVarintField(6, gl.top);
            gw.writeVarintField(7, gl.advance);
          },
          g,
        );
      }
    },
    null,
  );
  return pbf.finish();
}

/**
 * The icons, as canvas drawings in a 1× box (scaled for 2×). Colours follow the map's palette; none are SDF,
 * so a layer cannot recolour them — status colour stays on the circle under the heading arrow.
 */
const ICONS = {
  // A pointer that sits around a 6 px unit dot and points along the course (the dot stays visible inside).
  'unit-heading': {
    size: [28, 28],
    draw: `
      ctx.beginPath(); ctx.moveTo(14, 0.8); ctx.lineTo(20.5, 9.5); ctx.lineTo(14, 7.2); ctx.lineTo(7.5, 9.5);
      ctx.closePath(); ctx.fillStyle = '#f8fafc'; ctx.fill();
      ctx.lineWidth = 1.2; ctx.strokeStyle = '#0b1220'; ctx.stroke();`,
  },
  drone: {
    size: [28, 28],
    draw: `
      ctx.strokeStyle = '#0b1220'; ctx.lineWidth = 4; ctx.beginPath();
      ctx.moveTo(6, 6); ctx.lineTo(22, 22); ctx.moveTo(22, 6); ctx.lineTo(6, 22); ctx.stroke();
      ctx.strokeStyle = '#e9d5ff'; ctx.lineWidth = 2; ctx.beginPath();
      ctx.moveTo(6, 6); ctx.lineTo(22, 22); ctx.moveTo(22, 6); ctx.lineTo(6, 22); ctx.stroke();
      for (const [x, y] of [[5.5, 5.5], [22.5, 5.5], [5.5, 22.5], [22.5, 22.5]]) {
        ctx.beginPath(); ctx.arc(x, y, 4.2, 0, Math.PI * 2); ctx.fillStyle = 'rgba(168,85,247,0.85)'; ctx.fill();
        ctx.lineWidth = 1.2; ctx.strokeStyle = '#f5f3ff'; ctx.stroke();
      }
      /* No hub: the unit's status dot (drawn under the icon) is the body. */`,
  },
  camera: {
    size: [24, 20],
    draw: `
      ctx.fillStyle = '#0e7490'; ctx.strokeStyle = '#ecfeff'; ctx.lineWidth = 1.5;
      ctx.beginPath(); ctx.roundRect(2, 5, 14, 11, 2); ctx.fill(); ctx.stroke();
      ctx.beginPath(); ctx.moveTo(16, 9); ctx.lineTo(22, 5.5); ctx.lineTo(22, 15.5); ctx.lineTo(16, 12);
      ctx.closePath(); ctx.fill(); ctx.stroke();
      ctx.beginPath(); ctx.arc(9, 10.5, 2.4, 0, Math.PI * 2); ctx.fillStyle = '#ecfeff'; ctx.fill();`,
  },
  intercom: {
    size: [22, 22],
    draw: `
      ctx.fillStyle = '#15803d'; ctx.strokeStyle = '#f0fdf4'; ctx.lineWidth = 1.5;
      ctx.beginPath(); ctx.roundRect(4, 2, 14, 18, 3); ctx.fill(); ctx.stroke();
      ctx.fillStyle = '#f0fdf4';
      for (const y of [6, 9, 12]) for (const x of [8, 11, 14]) { ctx.beginPath(); ctx.arc(x, y, 1, 0, Math.PI * 2); ctx.fill(); }
      ctx.beginPath(); ctx.roundRect(8, 15, 6, 2.4, 1); ctx.fill();`,
  },
  incident: {
    size: [24, 22],
    draw: `
      ctx.beginPath(); ctx.moveTo(12, 1.5); ctx.lineTo(22.5, 20.5); ctx.lineTo(1.5, 20.5); ctx.closePath();
      ctx.fillStyle = '#ff8c1a'; ctx.fill(); ctx.lineWidth = 1.5; ctx.strokeStyle = '#0b1220'; ctx.stroke();
      ctx.fillStyle = '#0b1220'; ctx.fillRect(11, 7.5, 2, 7); ctx.fillRect(11, 16, 2, 2.2);`,
  },
};

async function main() {
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: ['--no-sandbox'],
  });
  try {
    const page = await browser.newPage();
    await page.setContent('<!doctype html><meta charset="utf-8"><body></body>');
    await page.addScriptTag({ content: tinySdfSource });
    await page.evaluate(`document.fonts.load('24px "${FONT}"')`);

    rmSync(join(out, 'glyphs'), { recursive: true, force: true });
    const fontDir = join(out, 'glyphs', FONT);
    mkdirSync(fontDir, { recursive: true });
    for (const start of RANGES) {
      const glyphs = await page.evaluate(`(() => {
        const sdf = new TinySDF({ ...${JSON.stringify(SDF)}, fontFamily: '"${FONT}"' });
        const out = [];
        for (let id = ${start}; id < ${start + 256}; id++) {
          const ch = String.fromCodePoint(id);
          // Controls, unassigned and private-use points have nothing to draw.
          if (/[\\p{Cc}\\p{Cn}\\p{Co}\\p{Cs}]/u.test(ch)) continue;
          const g = sdf.draw(ch);
          out.push({ id, bitmap: Array.from(g.data), width: g.glyphWidth, height: g.glyphHeight,
            left: g.glyphLeft, top: g.glyphTop, advance: g.glyphAdvance });
        }
        return out;
      })()`);
      const encoded = encodeRange(
        FONT,
        start,
        glyphs.map((g) => {
          // No ink (a space): no bitmap and a 0×0 box, as fontnik writes it; only the advance matters.
          const ink = g.width > 0 && g.height > 0;
          return {
            id: g.id,
            bitmap: ink ? Uint8Array.from(g.bitmap) : new Uint8Array(),
            width: ink ? g.width : 0,
            height: ink ? g.height : 0,
            left: g.left,
            top: Math.round(g.top - TOP_ADJUSTMENT),
            advance: Math.round(g.advance),
          };
        }),
      );
      writeFileSync(join(fontDir, `${start}-${start + 255}.pbf`), encoded);
      console.log(`glyphs ${start}-${start + 255}: ${glyphs.length} glyphs, ${encoded.length} bytes`);
    }

    for (const ratio of [1, 2]) {
      const { png, index } = await page.evaluate(`(() => {
        const icons = {${Object.entries(ICONS)
          .map(
            ([name, i]) =>
              `${JSON.stringify(name)}: { size: ${JSON.stringify(i.size)}, draw: (ctx) => {${i.draw}} }`,
          )
          .join(',\n')}};
        const ratio = ${ratio};
        const gap = 2;
        const width = Object.values(icons).reduce((w, i) => w + (i.size[0] + gap) * ratio, 0);
        const height = Math.max(...Object.values(icons).map((i) => i.size[1])) * ratio;
        const canvas = document.createElement('canvas');
        canvas.width = width;
        canvas.height = height;
        const ctx = canvas.getContext('2d');
        const index = {};
        let x = 0;
        for (const [name, icon] of Object.entries(icons)) {
          ctx.save();
          ctx.translate(x, 0);
          ctx.scale(ratio, ratio);
          icon.draw(ctx);
          ctx.restore();
          index[name] = { x, y: 0, width: icon.size[0] * ratio, height: icon.size[1] * ratio, pixelRatio: ratio };
          x += (icon.size[0] + gap) * ratio;
        }
        return { png: canvas.toDataURL('image/png'), index };
      })()`);
      const suffix = ratio === 1 ? '' : `@${ratio}x`;
      writeFileSync(join(out, `sprite${suffix}.png`), Buffer.from(png.split(',')[1], 'base64'));
      writeFileSync(join(out, `sprite${suffix}.json`), `${JSON.stringify(index, null, 2)}\n`);
      console.log(`sprite${suffix}: ${Object.keys(index).length} icons`);
    }
  } finally {
    await browser.close();
  }
}

await main();
