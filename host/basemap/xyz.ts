/**
 * Online XYZ tiles, fetched by the host so the key (Tianditu `tk`, …) never reaches a window, a log or the audit
 * trail, and so browser mode and Electron take the same path. With the WAN down these fail fast and the map falls
 * back to the last basemap that worked.
 */
export interface XyzSource {
  urlTemplate: string;
  subdomains: string[];
  secret: string;
}

export function xyzUrl(src: XyzSource, z: number, x: number, y: number): string {
  const sub = src.subdomains.length ? src.subdomains[(x + y) % src.subdomains.length]! : '';
  return src.urlTemplate
    .replaceAll('{z}', String(z))
    .replaceAll('{x}', String(x))
    .replaceAll('{-y}', String(2 ** z - 1 - y))
    .replaceAll('{y}', String(y))
    .replaceAll('{s}', sub)
    .replaceAll('{key}', encodeURIComponent(src.secret));
}

/** The address as it may be shown or logged: the key replaced by `***`. */
export function redactedUrl(src: XyzSource, url: string): string {
  if (!src.secret) return url;
  return url.split(encodeURIComponent(src.secret)).join('***').split(src.secret).join('***');
}

export type XyzResult =
  | { ok: true; status: 200; body: Uint8Array; contentType: string }
  | { ok: true; status: 204 }
  | { ok: false; detail: string };

export async function fetchXyzTile(
  src: XyzSource,
  z: number,
  x: number,
  y: number,
  timeoutMs = 8000,
  fetchImpl: typeof fetch = fetch,
): Promise<XyzResult> {
  const url = xyzUrl(src, z, x, y);
  const shown = redactedUrl(src, url);
  try {
    const res = await fetchImpl(url, { signal: AbortSignal.timeout(timeoutMs) });
    if (res.status === 404 || res.status === 204) return { ok: true, status: 204 };
    if (!res.ok)
      return {
        ok: false,
        detail: `${shown} answered HTTP ${res.status}${res.status === 403 ? ' (check the key)' : ''}`,
      };
    const body = new Uint8Array(await res.arrayBuffer());
    const contentType = res.headers.get('content-type') ?? 'image/png';
    if (!contentType.startsWith('image/'))
      return {
        ok: false,
        detail: `${shown} answered ${contentType}, not an image (a login page or an error?)`,
      };
    return { ok: true, status: 200, body, contentType };
  } catch (e) {
    const err = e as Error & { cause?: { code?: string; message?: string } };
    const why =
      err.name === 'TimeoutError'
        ? `no answer within ${timeoutMs / 1000} s`
        : (err.cause?.code ?? err.cause?.message ?? err.message);
    return {
      ok: false,
      detail: `${shown} could not be reached (${redactedUrl(src, String(why))}); is the network up?`,
    };
  }
}
