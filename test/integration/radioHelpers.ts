import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Host } from '../../host/host';
import { call } from '../helpers/host';

export async function waitFor<T>(
  what: string,
  fn: () => T | null | undefined | false | Promise<T | null | undefined | false>,
  timeoutMs = 10_000,
): Promise<T> {
  const until = Date.now() + timeoutMs;
  let last: unknown;
  for (;;) {
    try {
      const v = await fn();
      if (v) return v;
    } catch (e) {
      last = e;
    }
    if (Date.now() > until)
      throw new Error(`timed out waiting for ${what}${last ? `: ${(last as Error).message}` : ''}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

export function tempDir(): { dir: string; remove: () => void } {
  const dir = mkdtempSync(join(tmpdir(), 'fengsui-radio-'));
  return { dir, remove: () => rmSync(dir, { recursive: true, force: true }) };
}

export async function linkUp(host: Host, id: string, timeoutMs = 10_000) {
  return waitFor(
    `link ${id} up`,
    async () =>
      (await call(host, 'radio.link.list')).find((l) => l.link.id === id && l.status.state === 'up'),
    timeoutMs,
  );
}

export async function unitByCall(host: Host, callsign: string) {
  return (await call(host, 'unit.list')).find((u) => u.callsign === callsign)!;
}
