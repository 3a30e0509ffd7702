import { addProtocol } from 'maplibre-gl';
import type { HostClient } from '../../app/hostClient';

/**
 * `fengsui://basemap/<id>/<z>/<x>/<y>` → the host's `map.tile`. One path for browser mode (WebSocket) and Electron
 * (MessagePort): no HTTP tile server, no second origin, and online keys stay in the host. maplibre's worker hands
 * these requests to the main thread, where the host client lives.
 */
export const BASEMAP_SCHEME = 'fengsui';
export const tileUrl = (id: string) => `${BASEMAP_SCHEME}://basemap/${id}/{z}/{x}/{y}`;

const TILE = /^fengsui:\/\/basemap\/([0-9a-f-]{36})\/(\d+)\/(\d+)\/(\d+)$/i;

export function parseTileUrl(url: string): { id: string; z: number; x: number; y: number } | null {
  const m = TILE.exec(url);
  return m ? { id: m[1]!, z: Number(m[2]), x: Number(m[3]), y: Number(m[4]) } : null;
}

// A 1×1 transparent PNG: a raster "no tile here" (an empty body would be an image decode error).
const EMPTY_PNG = Uint8Array.from(
  atob('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAQAAAC1HAwCAAAAC0lEQVR42mNkYAAAAAYAAjCB0C8AAAAASUVORK5CYII='),
  (c) => c.charCodeAt(0),
);

function fromBase64(b64: string): Uint8Array {
  const bin = atob(b64);
  const out = new Uint8Array(bin.length);
  for (let i = 0; i < bin.length; i++) out[i] = bin.charCodeAt(i);
  return out;
}

async function gunzip(bytes: Uint8Array): Promise<ArrayBuffer> {
  const stream = new Blob([bytes as BlobPart]).stream().pipeThrough(new DecompressionStream('gzip'));
  return new Response(stream).arrayBuffer();
}

/** Resolves one tile URL through the host; rejects with the host's sentence (shown on the map). */
export async function loadTile(host: HostClient, url: string, raster: boolean): Promise<ArrayBuffer> {
  const a = parseTileUrl(url);
  if (!a) throw new Error(`not a basemap tile address: ${url}`);
  let r;
  try {
    r = await host.call('map.tile', a);
  } catch (e) {
    // The host's own sentence (which basemap, which address, why) without the generic "try again" wrapper.
    const err = e as { message?: string; params?: Record<string, unknown> };
    throw new Error(typeof err.params?.detail === 'string' ? err.params.detail : (err.message ?? String(e)));
  }
  if (r.status === 204) return raster ? EMPTY_PNG.slice().buffer : new ArrayBuffer(0);
  const bytes = fromBase64(r.data);
  if (r.encoding === 'gzip') return gunzip(bytes);
  return bytes.buffer as ArrayBuffer;
}

let client: HostClient | null = null;
let registered = false;

/** Registers the protocol once per page; the latest host client answers. */
export function registerBasemapProtocol(host: HostClient): void {
  client = host;
  if (registered) return;
  registered = true;
  addProtocol(BASEMAP_SCHEME, async (params) => {
    if (!client) throw new Error('the console is not connected to its host');
    const data = await loadTile(client, params.url, params.type === 'image');
    return { data };
  });
}
