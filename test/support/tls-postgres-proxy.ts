import { connect, createServer, type Server, type Socket } from 'node:net';
import { createSecureContext, TLSSocket } from 'node:tls';

/** The code a PostgreSQL client sends, in an 8-byte packet, to ask for TLS before anything else. */
const SSL_REQUEST_CODE = 80877103;

export interface TlsPostgresProxy {
  port: number;
  /** Connections that negotiated TLS, and connections that tried to talk in plain text. */
  readonly counts: { tls: number; plain: number };
  close(): Promise<void>;
}

/**
 * A PostgreSQL endpoint that only speaks TLS, in front of a real server that does not: it answers
 * the client's SSLRequest with 'S', terminates TLS with the given certificate and relays the
 * protocol to the server. A client that does not ask for TLS is disconnected, as by a server whose
 * pg_hba.conf allows `hostssl` only.
 */
export async function startTlsPostgresProxy(target: { host: string; port: number }, pems: { cert: string; key: string }): Promise<TlsPostgresProxy> {
  const counts = { tls: 0, plain: 0 };
  const secureContext = createSecureContext({ cert: pems.cert, key: pems.key, minVersion: 'TLSv1.2' });
  const sockets = new Set<Socket>();
  const server: Server = createServer((client) => {
    sockets.add(client);
    client.on('close', () => sockets.delete(client));
    client.once('readable', () => {
      const first = client.read(8) as Buffer | null;
      if (!first || first.readInt32BE(0) !== 8 || first.readInt32BE(4) !== SSL_REQUEST_CODE) {
        counts.plain += 1;
        client.destroy();
        return;
      }
      client.write('S');
      const secure = new TLSSocket(client, { isServer: true, secureContext });
      secure.once('secure', () => {
        counts.tls += 1;
        const upstream = connect(target.port, target.host);
        sockets.add(upstream);
        upstream.on('close', () => sockets.delete(upstream));
        secure.pipe(upstream).pipe(secure);
        const end = () => {
          secure.destroy();
          upstream.destroy();
        };
        secure.on('error', end);
        upstream.on('error', end);
      });
      secure.on('error', () => client.destroy());
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    port: (server.address() as { port: number }).port,
    counts,
    close: () =>
      new Promise((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
}
