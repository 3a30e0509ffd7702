/**
 * A TCP proxy for fault tests, standing where a WAN link and a load balancer would: each new connection goes to
 * one of the targets (round robin, skipping ones that refuse), and the link can be cut (open connections reset,
 * new ones refused), black-holed (connections accepted, nothing forwarded: the peer sees timeouts), slowed
 * (each chunk delayed) or made flaky (each chunk may kill its connection mid-stream). 127.0.0.1 only.
 */
import net from 'node:net';

export type LinkMode = 'up' | 'cut' | 'blackhole';

export interface TcpProxy {
  readonly port: number;
  readonly url: string;
  mode: LinkMode;
  /** Delay added to every chunk in both directions. */
  delayMs: number;
  /** Probability that a chunk kills its connection instead of being forwarded. */
  dropRate: number;
  setTargets(ports: number[]): void;
  /** Reset every open connection (the link flaps) without changing the mode. */
  resetAll(): void;
  close(): Promise<void>;
}

export async function startTcpProxy(targets: number[]): Promise<TcpProxy> {
  let ports = [...targets];
  let next = 0;
  const sockets = new Set<net.Socket>();
  const track = (s: net.Socket) => {
    sockets.add(s);
    s.on('close', () => sockets.delete(s));
  };

  const proxy: Omit<TcpProxy, 'port' | 'url'> = {
    mode: 'up',
    delayMs: 0,
    dropRate: 0,
    setTargets(p) {
      ports = [...p];
    },
    resetAll() {
      for (const s of sockets) s.destroy();
    },
    close: async () => {
      for (const s of sockets) s.destroy();
      await new Promise<void>((r) => server.close(() => r()));
    },
  };

  const pipe = (from: net.Socket, to: net.Socket) => {
    from.on('data', (chunk: Buffer) => {
      if (proxy.mode !== 'up') return; // black-holed (a cut link has already destroyed us)
      if (proxy.dropRate > 0 && Math.random() < proxy.dropRate) {
        from.destroy();
        to.destroy();
        return;
      }
      if (proxy.delayMs > 0) {
        from.pause();
        setTimeout(() => {
          if (!to.destroyed) to.write(chunk);
          from.resume();
        }, proxy.delayMs);
      } else if (!to.destroyed) to.write(chunk);
    });
    from.on('end', () => to.end());
    from.on('error', () => to.destroy());
    from.on('close', () => to.destroy());
  };

  const connectUpstream = (client: net.Socket, tries: number) => {
    if (tries >= ports.length || ports.length === 0) return void client.destroy();
    const port = ports[next++ % ports.length]!;
    const upstream = net.connect({ host: '127.0.0.1', port });
    track(upstream);
    let connected = false;
    upstream.once('connect', () => {
      connected = true;
      if (client.destroyed) return void upstream.destroy();
      pipe(client, upstream);
      pipe(upstream, client);
      client.resume();
    });
    upstream.on('error', () => {
      // A target that is down (SIGKILLed server): try the next one, as a load balancer would.
      if (!connected) connectUpstream(client, tries + 1);
    });
  };

  const server = net.createServer({ pauseOnConnect: true }, (client) => {
    track(client);
    client.on('error', () => undefined);
    if (proxy.mode === 'cut') return void client.destroy();
    if (proxy.mode === 'blackhole') return; // held open, never answered
    connectUpstream(client, 0);
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
  const port = (server.address() as net.AddressInfo).port;

  const withSetter = proxy as TcpProxy;
  let mode: LinkMode = 'up';
  Object.defineProperty(withSetter, 'mode', {
    get: () => mode,
    set: (m: LinkMode) => {
      mode = m;
      // A cut link resets what is open; a black-holed one keeps it open and silently drops everything.
      if (m === 'cut') for (const s of sockets) s.destroy();
    },
  });
  Object.defineProperty(withSetter, 'port', { value: port });
  Object.defineProperty(withSetter, 'url', { value: `http://127.0.0.1:${port}` });
  return withSetter;
}
