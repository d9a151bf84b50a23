import { connect, createServer, type Server, type Socket } from 'node:net';

/**
 * How the network between a service and PostgreSQL behaves: `pass` relays; `refuse` drops every
 * connection and refuses new ones (the server is down); `blackhole` relays nothing, open
 * connections and new ones alike, and answers nothing (a partition: packets vanish).
 */
export type NetworkFault = 'pass' | 'refuse' | 'blackhole';

export interface TcpProxy {
  port: number;
  /** `url` with its host and port replaced by the proxy's. */
  urlFor(url: string): string;
  setFault(fault: NetworkFault): void;
  close(): Promise<void>;
}

/** A TCP relay on loopback in front of `target`, whose link a test can break and mend. */
export async function startTcpProxy(target: { host: string; port: number }): Promise<TcpProxy> {
  let fault: NetworkFault = 'pass';
  const pairs = new Set<{ client: Socket; upstream: Socket }>();
  const server: Server = createServer((client) => {
    if (fault === 'refuse') return void client.destroy();
    const upstream = connect(target.port, target.host);
    const pair = { client, upstream };
    pairs.add(pair);
    const end = () => {
      client.destroy();
      upstream.destroy();
      pairs.delete(pair);
    };
    client.on('error', end).on('close', end);
    upstream.on('error', end).on('close', end);
    client.pipe(upstream).pipe(client);
    if (fault === 'blackhole') freeze(pair);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as { port: number }).port;
  return {
    port,
    urlFor: (url) => {
      const proxied = new URL(url);
      proxied.hostname = '127.0.0.1';
      proxied.port = String(port);
      return proxied.toString();
    },
    setFault(next) {
      fault = next;
      for (const pair of [...pairs]) {
        if (next === 'refuse') {
          pair.client.destroy();
          pair.upstream.destroy();
        } else if (next === 'blackhole') freeze(pair);
        else thaw(pair);
      }
    },
    close: () =>
      new Promise((resolve) => {
        for (const pair of pairs) {
          pair.client.destroy();
          pair.upstream.destroy();
        }
        server.close(() => resolve());
      }),
  };
}

/** Stops reading both ways: bytes sent now wait in the socket buffers, unanswered. */
function freeze(pair: { client: Socket; upstream: Socket }): void {
  pair.client.unpipe(pair.upstream);
  pair.upstream.unpipe(pair.client);
  pair.client.pause();
  pair.upstream.pause();
}

function thaw(pair: { client: Socket; upstream: Socket }): void {
  pair.client.pipe(pair.upstream);
  pair.upstream.pipe(pair.client);
}
