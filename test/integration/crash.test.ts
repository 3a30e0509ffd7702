import { describe, expect, it, beforeAll } from 'vitest';
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { build } from 'esbuild';
import Database from 'better-sqlite3';
import { openStore } from '../../db/open';

/** ≥ 50 in CI (the bar); raise with CRASH_ITERATIONS for a soak. */
const ITERATIONS = Number(process.env.CRASH_ITERATIONS ?? 50);
let bundle: string;

beforeAll(async () => {
  // Bundle once so each of the many child starts is a plain `node file.mjs`, not a TypeScript compile.
  // Inside the repo so the bundle resolves its packages from our node_modules.
  bundle = join(__dirname, '../../node_modules/.cache/fengsui-test/crash-writer.mjs');
  await build({
    entryPoints: [join(__dirname, 'crashWriter.ts')],
    outfile: bundle,
    bundle: true,
    platform: 'node',
    format: 'esm',
    packages: 'external',
    logLevel: 'error',
    define: { 'import.meta.url': JSON.stringify(new URL('../../db/open.ts', import.meta.url).href) },
  });
}, 60_000);

function runAndKill(dataDir: string, killAfterMs: number): Promise<string[]> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [bundle, dataDir], {
      stdio: ['ignore', 'pipe', 'pipe'],
      cwd: join(__dirname, '../..'),
    });
    const acked: string[] = [];
    let buf = '';
    let err = '';
    child.stdout.on('data', (chunk: Buffer) => {
      buf += chunk.toString();
      const lines = buf.split('\n');
      buf = lines.pop()!; // a partial last line was not acknowledged
      for (const line of lines) {
        if (line === 'READY') setTimeout(() => child.kill('SIGKILL'), killAfterMs);
        else if (line.startsWith('ACK ')) acked.push(line.slice(4));
      }
    });
    child.stderr.on('data', (c: Buffer) => (err += c.toString()));
    child.on('exit', (code, signal) => {
      if (signal === 'SIGKILL') resolve(acked);
      else reject(new Error(`writer exited with ${code}: ${err}`));
    });
  });
}

describe('crash safety', () => {
  it(
    `keeps every acknowledged incident across ${ITERATIONS} SIGKILLs mid-write`,
    async () => {
      const dataDir = mkdtempSync(join(tmpdir(), 'fengsui-crash-'));
      const allAcked: string[] = [];
      try {
        for (let i = 0; i < ITERATIONS; i++) {
          const acked = await runAndKill(dataDir, 20 + Math.floor(Math.random() * 250));
          allAcked.push(...acked);
          // Reopen exactly as the host does at start: integrity check, migrations.
          const { db } = openStore(join(dataDir, 'fengsui.sqlite3'));
          const have = new Set(
            (db.prepare('SELECT id FROM incidents').all() as { id: string }[]).map((r) => r.id),
          );
          const missing = allAcked.filter((id) => !have.has(id));
          expect(missing, `iteration ${i}: acknowledged but missing`).toEqual([]);
          // Each incident's timeline, audit and outbox records came with it, or none did.
          const ids = (sql: string) => new Set((db.prepare(sql).all() as { id: string }[]).map((r) => r.id));
          const withTimeline = ids('SELECT DISTINCT incident_id AS id FROM incident_timeline');
          const withOutbox = ids("SELECT entity_id AS id FROM outbox WHERE entity = 'incident'");
          const withAudit = ids("SELECT entity_id AS id FROM audit_log WHERE entity = 'incident'");
          const orphans = [...have].filter(
            (id) => !withTimeline.has(id) || !withOutbox.has(id) || !withAudit.has(id),
          );
          expect(orphans, `iteration ${i}: incident without its records`).toEqual([]);
          db.close();
        }
        expect(allAcked.length).toBeGreaterThan(ITERATIONS);
        const check = new Database(join(dataDir, 'fengsui.sqlite3'), { readonly: true });
        expect(check.pragma('integrity_check', { simple: true })).toBe('ok');
        check.close();
      } finally {
        rmSync(dataDir, { recursive: true, force: true });
      }
    },
    15 * 60_000,
  );
});
