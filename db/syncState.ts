import type { Db } from './open';
import { getMeta, setMeta } from './meta';

/**
 * Where this console stands with the central server: the epoch it last saw (a copy of the server's history)
 * and its pull cursor in that epoch. Kept in `meta`, written in the same transaction as the pulled changes.
 */
export class SyncState {
  constructor(private readonly db: Db) {}

  get epoch(): string | null {
    return getMeta(this.db, 'sync_epoch');
  }
  set epoch(value: string | null) {
    if (value !== null) setMeta(this.db, 'sync_epoch', value);
  }

  get cursor(): number {
    return Number(getMeta(this.db, 'sync_cursor') ?? 0);
  }
  set cursor(value: number) {
    setMeta(this.db, 'sync_cursor', String(value));
  }
}
