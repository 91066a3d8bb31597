import { type AddressInfo, connect, createServer, type Server, type Socket } from 'node:net';

export type ProxyMode = 'forward' | 'refused' | 'blackholed';

/**
 * A loopback TCP proxy a test puts between the API and one of its dependencies (PostgreSQL, Redis), to cut the
 * connection the ways a network does, without touching the real service:
 * - `refuse()`: nothing listens on the port any more (new connections get ECONNREFUSED) and every open
 *   connection is reset, as when the server goes down;
 * - `blackhole()`: connections are accepted but nothing is forwarded either way, and open connections stop
 *   answering, as behind a dropped route or a hung server;
 * - `restore()`: forwards again. Connections that lived through a blackhole are reset (their bytes were lost),
 *   so clients must notice and reconnect by themselves.
 */
export interface TcpProxy {
  readonly port: number;
  readonly mode: ProxyMode;
  /** The target URL with its host and port replaced by the proxy's, e.g. `redis://127.0.0.1:40123`. */
  url(targetUrl: string): string;
  refuse(): Promise<void>;
  blackhole(): void;
  restore(): Promise<void>;
  /** Connections currently open through the proxy (forwarded or held). */
  openConnections(): number;
  close(): Promise<void>;
}

interface Pair {
  client: Socket;
  upstream?: Socket;
}

export async function startTcpProxy(target: { host: string; port: number }): Promise<TcpProxy> {
  const pairs = new Set<Pair>();
  let mode: ProxyMode = 'forward';
  let server: Server | undefined;
  let port = 0;

  const drop = (pair: Pair) => {
    if (!pairs.delete(pair)) return;
    // destroy(), not resetAndDestroy(): a reset of a paused (blackholed) socket could wait forever for its
    // callback and keep the test process alive; both ends see the connection gone either way.
    pair.client.destroy();
    pair.upstream?.destroy();
  };

  const accept = (client: Socket) => {
    const pair: Pair = { client };
    pairs.add(pair);
    client.on('error', () => drop(pair));
    client.on('close', () => drop(pair));
    if (mode === 'blackholed') {
      // Accept, read nothing, answer nothing.
      client.pause();
      return;
    }
    const upstream = connect(target.port, target.host);
    pair.upstream = upstream;
    upstream.on('error', () => drop(pair));
    upstream.on('close', () => drop(pair));
    client.pipe(upstream);
    upstream.pipe(client);
  };

  const listen = () =>
    new Promise<void>((resolve, reject) => {
      const listener = createServer({ pauseOnConnect: false }, accept);
      listener.once('error', reject);
      listener.listen(port, '127.0.0.1', () => {
        port = (listener.address() as AddressInfo).port;
        server = listener;
        resolve();
      });
    });

  const stopListening = () =>
    new Promise<void>((resolve) => {
      const listener = server;
      server = undefined;
      if (!listener) return resolve();
      listener.close(() => resolve());
    });

  await listen();

  return {
    get port() {
      return port;
    },
    get mode() {
      return mode;
    },
    url(targetUrl) {
      const url = new URL(targetUrl);
      url.hostname = '127.0.0.1';
      url.port = String(port);
      return url.toString();
    },
    async refuse() {
      mode = 'refused';
      const closed = stopListening();
      for (const pair of [...pairs]) drop(pair);
      await closed;
    },
    blackhole() {
      mode = 'blackholed';
      for (const { client, upstream } of pairs) {
        client.unpipe();
        upstream?.unpipe();
        client.pause();
        upstream?.pause();
      }
    },
    async restore() {
      const previous = mode;
      mode = 'forward';
      if (previous === 'blackholed') for (const pair of [...pairs]) drop(pair);
      if (!server) await listen();
    },
    openConnections: () => pairs.size,
    async close() {
      mode = 'refused';
      const closed = stopListening();
      for (const pair of [...pairs]) drop(pair);
      await closed;
    },
  };
}
