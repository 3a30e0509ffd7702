import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { mkdirSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import pino from 'pino';
import { makeHost, sampleIncident, tableCounts } from '../../test/helpers/host';
import { useTempDirs } from '../../test/helpers/tmp';
import { openWs, statusOf } from '../../test/helpers/wsClient';
import { startWsServer, tokenMatches, type RunningWsServer } from './wsServer';
import type { Host } from '../host';

const tmp = useTempDirs();
const TOKEN = 'a'.repeat(64);

function rawGet(
  port: number,
  path: string,
  host: string,
): Promise<{ status: number; body: string; headers: Record<string, unknown> }> {
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port, path, headers: { host } }, (res) => {
      let body = '';
      res.on('data', (c) => (body += c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body, headers: res.headers }));
    });
    req.on('error', reject);
    req.end();
  });
}

describe('browser-mode server', () => {
  let host: Host;
  let server: RunningWsServer;
  let logged = '';
  let staticDir: string;

  beforeEach(async () => {
    const dir = tmp();
    staticDir = join(dir, 'static');
    mkdirSync(staticDir);
    writeFileSync(join(staticDir, 'index.html'), '<!doctype html><title>Fengsui</title>');
    writeFileSync(join(dir, 'secret.txt'), 'do not serve');
    logged = '';
    const sink = new Writable({
      write(chunk, _e, cb) {
        logged += String(chunk);
        cb();
      },
    });
    host = makeHost(join(dir, 'data'), { log: pino({ level: 'debug' }, sink) });
    server = await startWsServer(host, { token: TOKEN, staticDir });
  });
  afterEach(async () => {
    await server.close();
    host.close();
  });

  const wsUrl = (token: string | null) =>
    `ws://127.0.0.1:${server.port}/ws${token === null ? '' : `?token=${token}`}`;
  const origin = () => `http://127.0.0.1:${server.port}`;

  it('binds loopback and prints a URL with a 256-bit token', async () => {
    expect(server.url).toMatch(new RegExp(`^http://127\\.0\\.0\\.1:${server.port}/\\?token=a{64}$`));
    const h2 = makeHost(tmp());
    const s2 = await startWsServer(h2);
    expect(s2.url).toMatch(/token=[0-9a-f]{64}$/);
    await s2.close();
    h2.close();
  });

  it('accepts the right token from our own origin', async () => {
    expect(await statusOf(wsUrl(TOKEN), { Origin: origin() })).toBe(101);
  });

  it('rejects no token and a wrong token with 401, and never logs the token', async () => {
    expect(await statusOf(wsUrl(null), { Origin: origin() })).toBe(401);
    expect(await statusOf(wsUrl('b'.repeat(64)), { Origin: origin() })).toBe(401);
    expect(await statusOf(wsUrl(TOKEN.slice(0, 63)), { Origin: origin() })).toBe(401);
    expect(logged).toContain('missing or wrong token');
    expect(logged).not.toContain(TOKEN);
    expect(logged).not.toContain('b'.repeat(64));
  });

  it('rejects a foreign Origin and a rebound Host with 403, even with the token', async () => {
    expect(await statusOf(wsUrl(TOKEN), { Origin: 'http://evil.example' })).toBe(403);
    expect(await statusOf(wsUrl(TOKEN), { Origin: `http://127.0.0.1:${server.port + 1}` })).toBe(403);
    expect(await statusOf(wsUrl(TOKEN), { Host: `evil.example:${server.port}` })).toBe(403);
    expect((await rawGet(server.port, '/', `attacker.example:${server.port}`)).status).toBe(403);
  });

  it('serves the app with CSP, and refuses path traversal', async () => {
    const ok = await rawGet(server.port, '/', `127.0.0.1:${server.port}`);
    expect(ok.status).toBe(200);
    expect(String(ok.headers['content-security-policy'])).toMatch(/default-src 'self'/);
    expect(String(ok.headers['content-security-policy'])).not.toMatch(/unsafe-eval/);
    for (const p of [
      '/../secret.txt',
      '/%2e%2e/secret.txt',
      '/..%2fsecret.txt',
      '/%2e%2e%5csecret.txt',
      '/a/../../secret.txt',
    ]) {
      const r = await rawGet(server.port, p, `127.0.0.1:${server.port}`);
      expect(r.body, p).not.toContain('do not serve');
    }
  });

  it('answers garbage with clear errors, keeps serving other clients, and changes nothing', async () => {
    const a = await openWs(wsUrl(TOKEN), { Origin: origin() });
    const b = await openWs(wsUrl(TOKEN), { Origin: origin() });
    const before = tableCounts(host);
    const garbage = [
      'not json',
      '{',
      '[]',
      '42',
      JSON.stringify({ t: 'req' }),
      JSON.stringify({ t: 'req', id: 1, method: 'incident.nuke' }),
      JSON.stringify({
        t: 'req',
        id: 2,
        method: 'incident.create',
        params: { ...sampleIncident, location: 'here' },
      }),
      JSON.stringify({
        t: 'req',
        id: 3,
        method: 'incident.create',
        params: { ...sampleIncident, description: 'x'.repeat(2_000_000) },
      }),
      '\u0000\u0001\u0002',
    ];
    for (const g of garbage) {
      const res = await a.request(g);
      expect(res.ok, g.slice(0, 40)).toBe(false);
      expect((res.error as { message: string }).message.length).toBeGreaterThan(10);
    }
    expect(tableCounts(host)).toEqual(before);
    const ok = await b.request(
      JSON.stringify({ t: 'req', id: 9, method: 'incident.create', params: sampleIncident }),
    );
    expect(ok.ok).toBe(true);
    a.close();
    b.close();
  });

  it('pushes events to every connected client', async () => {
    const a = await openWs(wsUrl(TOKEN), { Origin: origin() });
    const heard = new Promise<Record<string, unknown>>((resolve) =>
      a.ws.on('message', (d) => {
        const f = JSON.parse(String(d));
        if (f.t === 'evt') resolve(f);
      }),
    );
    const b = await openWs(wsUrl(TOKEN), { Origin: origin() });
    await b.request(JSON.stringify({ t: 'req', id: 1, method: 'incident.create', params: sampleIncident }));
    expect(await heard).toMatchObject({ t: 'evt', event: 'incident.changed' });
    a.close();
    b.close();
  });
});

describe('tokenMatches', () => {
  it('compares in constant time over digests and handles missing values', () => {
    expect(tokenMatches('abc', 'abc')).toBe(true);
    expect(tokenMatches('abc', 'abd')).toBe(false);
    expect(tokenMatches('abc', 'abcd')).toBe(false);
    expect(tokenMatches('abc', null)).toBe(false);
    expect(tokenMatches('abc', '')).toBe(false);
  });
});
