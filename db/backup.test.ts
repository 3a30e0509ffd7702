import { describe, expect, it } from 'vitest';
import { readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { openStore } from './open';
import { BackupManager, restoreBackup, verifyBackup } from './backup';
import { useTempDirs } from '../test/helpers/tmp';

const tmp = useTempDirs();

function seeded(dir: string) {
  const { db } = openStore(join(dir, 'live.sqlite3'));
  db.prepare("INSERT INTO meta (key, value) VALUES ('n', '1')").run();
  return db;
}

describe('online backup', () => {
  it('writes a verified backup with the backup API and restores it', async () => {
    const dir = tmp();
    const db = seeded(dir);
    let t = Date.UTC(2026, 10, 25, 8, 0, 0);
    const backups = new BackupManager(db, join(dir, 'backups'), 3, () => t);
    const info = await backups.backupNow('manual');
    expect(info.verified).toBe(true);
    expect(info.bytes).toBeGreaterThan(0);
    expect(verifyBackup(info.file)).toEqual([]);
    expect(backups.list().map((b) => b.file)).toEqual([info.file]);
    expect(backups.list()[0]!.at).toBe(t);

    // Change the live database after the backup, then restore: the change is gone, the backup's rows are back.
    db.prepare("UPDATE meta SET value = '2' WHERE key = 'n'").run();
    db.close();
    await restoreBackup(info.file, join(dir, 'live.sqlite3'));
    const { db: again } = openStore(join(dir, 'live.sqlite3'));
    expect(again.prepare("SELECT value FROM meta WHERE key = 'n'").get()).toEqual({ value: '1' });
    again.close();
    t += 1;
  });

  it('keeps only the newest N backups', async () => {
    const dir = tmp();
    const db = seeded(dir);
    let t = Date.UTC(2026, 0, 1);
    const backups = new BackupManager(db, join(dir, 'backups'), 2, () => (t += 60_000));
    for (let i = 0; i < 4; i++) await backups.backupNow('scheduled');
    const files = readdirSync(join(dir, 'backups'));
    expect(files).toHaveLength(2);
    expect(backups.list()[0]!.at).toBeGreaterThan(backups.list()[1]!.at);
    db.close();
  });

  it('takes a consistent snapshot while writes continue', async () => {
    const dir = tmp();
    const db = seeded(dir);
    db.exec('CREATE TABLE big (i INTEGER PRIMARY KEY, pad TEXT) STRICT');
    const ins = db.prepare('INSERT INTO big (pad) VALUES (?)');
    db.transaction(() => {
      for (let i = 0; i < 20000; i++) ins.run('x'.repeat(100));
    })();
    const backups = new BackupManager(db, join(dir, 'backups'));
    const pending = backups.backupNow('manual');
    for (let i = 0; i < 100; i++) ins.run('y');
    const info = await pending;
    expect(verifyBackup(info.file)).toEqual([]);
    db.close();
  });

  it('refuses to restore a damaged backup and leaves the live database alone', async () => {
    const dir = tmp();
    const db = seeded(dir);
    db.close();
    const bad = join(dir, 'bad.sqlite3');
    writeFileSync(bad, 'not a database at all'.repeat(50));
    await expect(restoreBackup(bad, join(dir, 'live.sqlite3'))).rejects.toThrow(/cannot be restored/);
    const { db: again } = openStore(join(dir, 'live.sqlite3'));
    expect(again.prepare("SELECT value FROM meta WHERE key = 'n'").get()).toEqual({ value: '1' });
    again.close();
  });
});
