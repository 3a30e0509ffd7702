import { createReadStream, statSync } from 'node:fs';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { createHash, randomBytes, randomUUID, timingSafeEqual } from 'node:crypto';
import { extname, join } from 'node:path';
import type { Duplex } from 'node:stream';
import { WebSocketServer, type WebSocket } from 'ws';
import { MAX_FRAME_BYTES, makeHostError, type ResponseFrame } from '../../contract';
import type { Host } from '../host';
import { eventAudience } from './audience';
import { contentSecurityPolicy } from './csp';
import { MIME_TYPES, resolveInside } from './safePath';

export interface WsServerOptions {
  /** 0 picks a free port. */
  port?: number;
  /** Built renderer to serve (dist/renderer); when absent only the WebSocket is served. */
  staticDir?: string;
  /** A fixed token (tests); otherwise 256 random bits per launch. */
  token?: string;
}

export interface RunningWsServer {
  port: number;
  /** The address to open, with the token. Print it for the person; never log it. */
  url: string;
  close(): Promise<void>;
}

/** A socket whose unsent backlog grows past this is a stuck client: cut it loose instead of buffering forever. */
const MAX_BACKLOG = 16 * 1024 * 1024;
/** Frames up to this size are read and answered with payload_too_large; larger ones close the socket. */
const HARD_FRAME_LIMIT = 4 * MAX_FRAME_BYTES;

function digest(s: string): Buffer {
  return createHash('sha256').update(s).digest();
}

/** Constant-time: compare digests of equal length so neither content nor length leaks through timing. */
export function tokenMatches(expected: string, given: string | null): boolean {
  if (!given) return false;
  return timingSafeEqual(digest(expected), digest(given));
}

function refuse(socket: Duplex, status: 401 | 403 | 404, reason: string): void {
  const body = JSON.stringify({ error: reason });
  socket.write(
    `HTTP/1.1 ${status} ${status === 401 ? 'Unauthorized' : status === 403 ? 'Forbidden' : 'Not Found'}\r\n` +
      `Content-Type: application/json\r\nContent-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`,
  );
  socket.destroy();
}

/**
 * Browser mode: serves the built renderer and the host's WebSocket on 127.0.0.1 only. Every request must name
 * a loopback Host (defeats DNS rebinding); a WebSocket must come from our own Origin (or none, for local tools)
 * and carry the per-launch token.
 */
export function startWsServer(host: Host, options: WsServerOptions = {}): Promise<RunningWsServer> {
  const token = options.token ?? randomBytes(32).toString('hex');
  const log = host.ctx.log;
  let port = 0;
  const allowedHosts = () => new Set([`127.0.0.1:${port}`, `localhost:${port}`, `[::1]:${port}`]);
  const allowedOrigins = () => new Set([`http://127.0.0.1:${port}`, `http://localhost:${port}`]);
  const csp = () => contentSecurityPolicy([`ws://127.0.0.1:${port}`, `ws://localhost:${port}`]);

  const wss = new WebSocketServer({ noServer: true, maxPayload: HARD_FRAME_LIMIT });
  /** Each open socket and the client id its session (host/users/) is keyed by. */
  const clients = new Map<WebSocket, string>();
  const hears = eventAudience(host.users.users);

  const send = (ws: WebSocket, frame: unknown) => {
    if (ws.readyState !== ws.OPEN) return;
    if (ws.bufferedAmount > MAX_BACKLOG) {
      log.warn({ backlog: ws.bufferedAmount }, 'client too slow; closing its connection');
      ws.close(1013, 'client too slow');
      return;
    }
    ws.send(JSON.stringify(frame));
  };

  const unsubscribe = host.events.subscribe((event, payload) => {
    for (const [ws, clientId] of clients) if (hears(clientId, event)) send(ws, { t: 'evt', event, payload });
  });

  wss.on('connection', (ws) => {
    const clientId = randomUUID();
    clients.set(ws, clientId);
    ws.on('message', (data, isBinary) => {
      if (isBinary) {
        const frame: ResponseFrame = {
          t: 'res',
          id: null,
          ok: false,
          error: makeHostError('bad_request', {
            method: '(frame)',
            detail: 'binary messages are not accepted; send JSON text',
          }),
        };
        send(ws, frame);
        return;
      }
      const text = data.toString();
      void host.router.handleText(text, { transport: 'ws', clientId }).then((res) => send(ws, res));
    });
    ws.on('close', () => {
      clients.delete(ws);
      host.clientDisconnected(clientId);
    });
    ws.on('error', (e) => log.warn({ err: e.message }, 'websocket error'));
  });

  const server = createServer((req, res) => handleHttp(req, res));

  function handleHttp(req: IncomingMessage, res: ServerResponse): void {
    res.setHeader('X-Content-Type-Options', 'nosniff');
    res.setHeader('Referrer-Policy', 'no-referrer');
    res.setHeader('Cross-Origin-Opener-Policy', 'same-origin');
    if (!allowedHosts().has(req.headers.host ?? '')) {
      res
        .writeHead(403, { 'Content-Type': 'text/plain; charset=utf-8' })
        .end('Forbidden: not a loopback Host\n');
      return;
    }
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      res.writeHead(405, { Allow: 'GET, HEAD' }).end();
      return;
    }
    const path = (req.url ?? '/').split('?')[0]!;
    if (path === '/healthz') {
      res.writeHead(200, { 'Content-Type': 'application/json' }).end('{"ok":true}');
      return;
    }
    if (!options.staticDir) {
      res.writeHead(404).end();
      return;
    }
    let file = resolveInside(options.staticDir, path === '/' ? '/index.html' : path);
    if (!file) {
      res.writeHead(400, { 'Content-Type': 'text/plain; charset=utf-8' }).end('Bad path\n');
      return;
    }
    let size: number;
    try {
      const st = statSync(file);
      if (!st.isFile()) throw new Error('not a file');
      size = st.size;
    } catch {
      // Client-side routes fall back to the app shell; missing assets are 404s.
      if (extname(path)) {
        res.writeHead(404).end();
        return;
      }
      file = join(options.staticDir, 'index.html');
      size = statSync(file).size;
    }
    const type = MIME_TYPES[extname(file)] ?? 'application/octet-stream';
    res.writeHead(200, {
      'Content-Type': type,
      'Content-Length': size,
      'Content-Security-Policy': csp(),
      'Cache-Control': type.startsWith('text/html') ? 'no-store' : 'public, max-age=3600',
    });
    if (req.method === 'HEAD') res.end();
    else createReadStream(file).pipe(res);
  }

  server.on('upgrade', (req, socket, head) => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    if (!allowedHosts().has(req.headers.host ?? '')) return refuse(socket, 403, 'Host is not loopback');
    const origin = req.headers.origin;
    if (origin !== undefined && !allowedOrigins().has(origin))
      return refuse(socket, 403, 'Origin not allowed');
    if (url.pathname !== '/ws') return refuse(socket, 404, 'no such endpoint');
    if (!tokenMatches(token, url.searchParams.get('token'))) {
      log.warn({ remote: req.socket.remoteAddress }, 'websocket refused: missing or wrong token');
      return refuse(socket, 401, 'missing or wrong token');
    }
    wss.handleUpgrade(req, socket, head, (ws) => wss.emit('connection', ws, req));
  });

  return new Promise((resolve, reject) => {
    server.once('error', reject);
    // Loopback only, always: the browser console is for this workstation and its wall displays.
    server.listen(options.port ?? 0, '127.0.0.1', () => {
      const addr = server.address();
      port = typeof addr === 'object' && addr ? addr.port : 0;
      resolve({
        port,
        url: `http://127.0.0.1:${port}/?token=${token}`,
        close: () =>
          new Promise<void>((done) => {
            unsubscribe();
            for (const ws of clients.keys()) ws.terminate();
            wss.close();
            server.close(() => done());
            server.closeAllConnections();
          }),
      });
    });
  });
}
