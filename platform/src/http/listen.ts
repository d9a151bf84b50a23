import { inRequestScope } from '../log/request-scope.ts';
import { requestIdOf } from './request-id.ts';
import { setSecurityHeaders } from './security-headers.ts';
import { readFileSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { createServer as createTlsServer } from 'node:https';
import { isIPv6, type AddressInfo } from 'node:net';
import { probeReadiness, type Readiness } from '../resilience/readiness.ts';

type Handler = (req: IncomingMessage, res: ServerResponse) => Promise<void> | void;

/** Loopback: a server nobody configured is reachable from this machine only. */
export const DEFAULT_HOST = '127.0.0.1';

/** How long idle connections and slow headers may take (see http-server-config.ts). */
export interface ConnectionTimeouts {
  keepAliveTimeoutMs: number;
  headersTimeoutMs: number;
}

/** The documented defaults of `HTTP_KEEP_ALIVE_TIMEOUT_MS` and `HTTP_HEADERS_TIMEOUT_MS`. */
export const DEFAULT_CONNECTION_TIMEOUTS: ConnectionTimeouts = { keepAliveTimeoutMs: 65_000, headersTimeoutMs: 66_000 };

/** The host part of the URL to print: an unspecified address is reached as localhost, IPv6 in brackets. */
function urlHost(host: string): string {
  if (host === '0.0.0.0' || host === '::') return 'localhost';
  return isIPv6(host) ? `[${host}]` : host;
}

export interface HttpService {
  server: Server;
  url: string;
  close(): Promise<void>;
}

/** PEM files of a certificate chain and its private key. */
export interface TlsFiles {
  certFile: string;
  keyFile: string;
  /**
   * Ask every client for a certificate and check it against this CA (mutual TLS). A connection
   * without one is still accepted, so the service can answer 401 and record the refusal; whether
   * the certificate verified is on `req.socket.authorized`.
   */
  clientCaFile?: string;
}

/**
 * One HTTP server with the GraphQL endpoint at `/graphql` and Kubernetes-style probes:
 * `/healthz` (the process is alive) and `/readyz` (the `ready` check passes). With `tls`, HTTPS
 * (TLS 1.2 or later) and nothing in plain text.
 */
export async function listen(options: {
  port: number;
  /** Bind address (config `http.host`); default {@link DEFAULT_HOST}. */
  host?: string;
  /** Idle keep-alive and headers timeouts (config `http`); default {@link DEFAULT_CONNECTION_TIMEOUTS}. */
  timeouts?: ConnectionTimeouts;
  graphql: Handler;
  /** Further endpoints by path (a subgraph's `/audit-trail`), run in the request's scope like `/graphql`. */
  routes?: Readonly<Record<string, Handler>>;
  /**
   * Every other path (the router's dashboard pages and development sign-in). It sets its own
   * Content-Security-Policy; without it, other paths are 404.
   */
  pages?: Handler;
  /** The readiness check behind `/readyz`: a report of named checks (or a bare yes/no). */
  ready?: () => Promise<boolean | Readiness>;
  tls?: TlsFiles | undefined;
}): Promise<HttpService> {
  const route = (req: IncomingMessage, res: ServerResponse) => {
    setSecurityHeaders(res, Boolean(options.tls));
    // Every answer names its request, probes and refusals included, so a caller can quote it.
    res.setHeader('x-request-id', requestIdOf(req));
    const path = (req.url ?? '/').split('?')[0];
    if (path === '/healthz') return void respondJson(res, 200, { status: 'ok' });
    if (path === '/readyz') {
      // Kubernetes convention: 200 when this process should get traffic, 503 when not; the body
      // says which check failed (no URLs or error messages: a probe may be reachable from outside).
      return void probeReadiness(options.ready ?? (async () => true)).then(({ ready, checks }) =>
        respondJson(res, ready ? 200 : 503, { status: ready ? 'ready' : 'not ready', checks }),
      );
    }
    const handler = path === '/graphql' ? options.graphql : ((path !== undefined ? options.routes?.[path] : undefined) ?? options.pages);
    if (handler) {
      // The request id in scope for the whole request: every log line of it carries the id.
      return void Promise.resolve(inRequestScope(requestIdOf(req), () => handler(req, res))).catch(() => {
        if (!res.headersSent) respondJson(res, 500, { errors: [{ message: 'Internal server error' }] });
        else res.end();
      });
    }
    respondJson(res, 404, { error: 'not found' });
  };
  const server: Server = options.tls
    ? createTlsServer(
        {
          cert: readFileSync(options.tls.certFile),
          key: readFileSync(options.tls.keyFile),
          minVersion: 'TLSv1.2',
          ...(options.tls.clientCaFile ? { ca: readFileSync(options.tls.clientCaFile), requestCert: true, rejectUnauthorized: false } : {}),
        },
        route,
      )
    : createServer(route);
  const timeouts = options.timeouts ?? DEFAULT_CONNECTION_TIMEOUTS;
  // Node's default (5 s) is shorter than a load balancer's idle timeout (usually 60 s): the server
  // would close connections the balancer is about to reuse, and its clients would see resets.
  server.keepAliveTimeout = timeouts.keepAliveTimeoutMs;
  server.headersTimeout = timeouts.headersTimeoutMs;
  const host = options.host ?? DEFAULT_HOST;
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, host, () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  return {
    server,
    url: `${options.tls ? 'https' : 'http'}://${urlHost(host)}:${port}/graphql`,
    close: () =>
      new Promise((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

function respondJson(res: ServerResponse, status: number, body: unknown): void {
  res.statusCode = status;
  res.setHeader('content-type', 'application/json');
  res.end(JSON.stringify(body));
}
