import WebSocket from 'ws';

export interface Opened {
  ws: WebSocket;
  /** Sends raw text and resolves with the next response frame. */
  request(text: string): Promise<Record<string, unknown>>;
  close(): void;
}

export function openWs(url: string, headers: Record<string, string> = {}): Promise<Opened> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(url, { headers });
    type Waiter = { resolve: (f: Record<string, unknown>) => void; reject: (e: Error) => void };
    const waiting: Waiter[] = [];
    ws.on('message', (data) => {
      const frame = JSON.parse(String(data)) as Record<string, unknown>;
      if (frame.t === 'res') waiting.shift()?.resolve(frame);
    });
    // A request outstanding when the socket goes (host killed, link cut) fails instead of waiting forever.
    ws.on('close', () => {
      for (const w of waiting.splice(0)) w.reject(new Error('connection closed before the response'));
    });
    ws.once('open', () =>
      resolve({
        ws,
        request: (text) =>
          new Promise((res, rej) => {
            if (ws.readyState !== ws.OPEN) return rej(new Error('connection is not open'));
            waiting.push({ resolve: res, reject: rej });
            ws.send(text);
          }),
        close: () => ws.close(),
      }),
    );
    ws.once('unexpected-response', (_req, res) =>
      reject(Object.assign(new Error(`HTTP ${res.statusCode}`), { status: res.statusCode })),
    );
    ws.once('error', reject);
  });
}

export async function statusOf(url: string, headers: Record<string, string> = {}): Promise<number> {
  try {
    const c = await openWs(url, headers);
    c.close();
    return 101;
  } catch (e) {
    return (e as { status?: number }).status ?? -1;
  }
}
