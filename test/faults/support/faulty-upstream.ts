import { createServer, request, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { Socket } from 'node:net';

/**
 * How the stand-in for a subgraph behaves: `pass` relays to the real subgraph; the others are the
 * ways a broken subgraph (or the network in front of it) misbehaves.
 */
export type UpstreamFault =
  | 'pass'
  /** Accepts the request and never answers. */
  | 'hang'
  /** HTTP 500 with a body that must not reach a client. */
  | 'error-500'
  /** HTTP 503, which is worth retrying. */
  | 'error-503'
  /** HTTP 200 with an HTML page. */
  | 'garbage-html'
  /** HTTP 200, `application/json`, cut off in the middle. */
  | 'garbage-truncated-json'
  /** HTTP 200, valid JSON that is not a GraphQL response. */
  | 'garbage-wrong-shape';

/** Text the broken answers carry; a client must never see it. */
export const UPSTREAM_SECRET = 'stack at /srv/devices/internal.ts:42 password=hunter2';

export interface FaultyUpstream {
  url: string;
  fault: UpstreamFault;
  /** Requests received since start or the last reset, whatever the fault. */
  requests: number;
  /** The operations received (for telling queries from mutations). */
  operations: string[];
  close(): Promise<void>;
}

/**
 * A faulty peer on loopback standing in for one subgraph: the router is configured to reach the
 * subgraph through it, and a test switches its `fault` while the platform runs.
 */
export async function startFaultyUpstream(target: string): Promise<FaultyUpstream> {
  const sockets = new Set<Socket>();
  const state: FaultyUpstream = { url: '', fault: 'pass', requests: 0, operations: [], close: async () => {} };
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const body = Buffer.concat(chunks);
      if (req.url?.startsWith('/graphql')) {
        state.requests += 1;
        state.operations.push(operationOf(body));
      }
      respond(state.fault, target, req, res, body);
    });
  });
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  state.url = `http://127.0.0.1:${(server.address() as { port: number }).port}/graphql`;
  state.close = () =>
    new Promise((resolve) => {
      for (const socket of sockets) socket.destroy();
      server.close(() => resolve());
    });
  return state;
}

function respond(fault: UpstreamFault, target: string, req: IncomingMessage, res: ServerResponse, body: Buffer): void {
  switch (fault) {
    case 'pass':
      return relay(target, req, res, body);
    case 'hang':
      return; // the socket stays open until the client gives up or the upstream closes
    case 'error-500':
      res.writeHead(500, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ errors: [{ message: UPSTREAM_SECRET, extensions: { code: 'INTERNAL', stacktrace: [UPSTREAM_SECRET] } }] }));
      return;
    case 'error-503':
      res.writeHead(503, { 'content-type': 'text/plain' });
      res.end(`unavailable: ${UPSTREAM_SECRET}`);
      return;
    case 'garbage-html':
      res.writeHead(200, { 'content-type': 'text/html' });
      res.end(`<html><body>${UPSTREAM_SECRET}</body></html>`);
      return;
    case 'garbage-truncated-json':
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(`{"data":{"device":{"kind":"${UPSTREAM_SECRET}`);
      return;
    case 'garbage-wrong-shape':
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ hello: UPSTREAM_SECRET }));
      return;
  }
}

function relay(target: string, req: IncomingMessage, res: ServerResponse, body: Buffer): void {
  const upstream = request(new URL(req.url ?? '/graphql', target), { method: req.method, headers: req.headers }, (answer) => {
    res.writeHead(answer.statusCode ?? 502, answer.headers);
    answer.pipe(res);
  });
  upstream.on('error', () => res.destroy());
  upstream.end(body);
}

function operationOf(body: Buffer): string {
  try {
    return String((JSON.parse(body.toString('utf8')) as { query?: unknown }).query ?? '');
  } catch {
    return '';
  }
}
