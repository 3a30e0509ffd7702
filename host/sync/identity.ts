/**
 * A console syncs under the device id the server admin issued, and every change it pushes carries that id
 * (the server refuses changes from another console's id). A fresh data folder simply takes the device id as
 * its console id; a folder that already synced under another id is refused with what to do.
 */
import { join } from 'node:path';
import { mkdirSync } from 'node:fs';
import { openStore } from '../../db/open';
import { getMeta, setMeta } from '../../db/meta';
import { DB_FILE } from '../store';

export class IdentityError extends Error {}

export function adoptDeviceId(dataDir: string, deviceId: string): void {
  mkdirSync(dataDir, { recursive: true });
  const { db } = openStore(join(dataDir, DB_FILE));
  try {
    const current = getMeta(db, 'console_id');
    if (current === deviceId) return;
    if (current && getMeta(db, 'sync_epoch') !== null) {
      throw new IdentityError(
        `this data folder already syncs as console ${current}; the credential is for device ${deviceId}. ` +
          'Use the credential issued for this console, or a new data folder for the new device.',
      );
    }
    // Never synced: queued changes are pushed under the new id (their seqs are this folder's own counter).
    setMeta(db, 'console_id', deviceId);
  } finally {
    db.close();
  }
}
