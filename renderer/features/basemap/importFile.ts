import type { Basemap, BasemapCrs } from '../../../contract/basemap';
import type { HostClient } from '../../app/hostClient';

function toBase64(bytes: Uint8Array): string {
  let s = '';
  for (let i = 0; i < bytes.length; i += 0x8000) s += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(s);
}

/**
 * Sends a PMTiles/MBTiles file to the host in chunks (begin → chunk* → finish); the host validates it with
 * host/map and refuses a bad file with a reason. Aborts the upload on any failure so no partial file stays.
 */
export async function importBasemapFile(
  host: HostClient,
  file: Blob & { name: string },
  opts: { crs: BasemapCrs; name?: string; attribution?: string },
  onProgress: (sent: number, total: number) => void,
): Promise<Basemap> {
  const { uploadId, chunkMaxBytes } = await host.call('basemap.import.begin', {
    fileName: file.name,
    size: file.size,
    crs: opts.crs,
  });
  try {
    for (let off = 0; off < file.size; off += chunkMaxBytes) {
      const bytes = new Uint8Array(await file.slice(off, off + chunkMaxBytes).arrayBuffer());
      await host.call('basemap.import.chunk', { uploadId, offset: off, data: toBase64(bytes) });
      onProgress(Math.min(file.size, off + bytes.length), file.size);
    }
    onProgress(file.size, file.size);
    return await host.call('basemap.import.finish', {
      uploadId,
      name: opts.name || undefined,
      attribution: opts.attribution || undefined,
    });
  } catch (e) {
    await host.call('basemap.import.abort', { uploadId }).catch(() => undefined);
    throw e;
  }
}
