import type { TimelineEntry } from '../../../contract/domain/incident';
import { ATTACHMENT_MAX_BYTES } from '../../../contract/incidentExtras';
import type { HostError } from '../../../contract/errors';
import type { HostClient } from '../../app/hostClient';
import { toBase64 } from '../radio/recordings';

/**
 * Sends an image to the host in chunks at explicit offsets (the shared upload path, host/uploads/), then
 * finishes it; the host checks the bytes' signature and size. An interrupted upload is aborted, not left open.
 */
export async function uploadAttachment(
  host: HostClient,
  incidentId: string,
  file: File,
): Promise<TimelineEntry> {
  if (file.size > ATTACHMENT_MAX_BYTES) {
    // Refused here before any byte is sent; the host refuses it the same way.
    const e: HostError = {
      code: 'payload_too_large',
      message: `${file.name} is ${file.size} bytes; the limit is ${ATTACHMENT_MAX_BYTES}`,
      key: 'errors.payload_too_large',
      params: { size: file.size, limit: ATTACHMENT_MAX_BYTES },
    };
    throw e;
  }
  const bytes = new Uint8Array(await file.arrayBuffer());
  const { uploadId, chunkBytes } = await host.call('attachment.begin', {
    incidentId,
    fileName: file.name || 'image',
    bytes: bytes.length,
  });
  try {
    for (let offset = 0; offset < bytes.length; offset += chunkBytes) {
      await host.call('attachment.chunk', {
        uploadId,
        offset,
        data: toBase64(bytes.subarray(offset, offset + chunkBytes)),
      });
    }
    return await host.call('attachment.finish', { uploadId });
  } catch (e) {
    await host.call('attachment.abort', { uploadId }).catch(() => undefined);
    throw e;
  }
}
