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
    const waiting: ((f: Record<string, unknown>) => void)[] = [];
    ws.on('message', (data) => {
      const frame = JSON.parse(String(data)) as Record<string, unknown>;
      if (frame.t === 'res') waiting.shift()?.(frame);
    });
    ws.once('open', () =>
      resolve({
        ws,
        request: (text) =>
          new Promise((r) => {
            waiting.push(r);
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
