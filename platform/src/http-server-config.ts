import { isIP } from 'node:net';
import type { IntReader } from './env-int.ts';

/** How every caregraph HTTP server (the router and each subgraph process) listens. */
export interface HttpServerConfig {
  /**
   * Address to bind. Env `HOST`; default `127.0.0.1` (this machine only) in development and
   * `0.0.0.0` (every IPv4 interface) with `NODE_ENV=production`, where the process runs in a
   * container or behind a load balancer that reaches it over the network.
   */
  host: string;
  /**
   * How long an idle keep-alive connection stays open. Env `HTTP_KEEP_ALIVE_TIMEOUT_MS`, default
   * 65 000: longer than the usual load-balancer idle timeout (60 s), so the balancer, not the
   * server, closes an idle connection (a server closing first races the balancer's next request
   * on it, which the client sees as a reset).
   */
  keepAliveTimeoutMs: number;
  /**
   * How long a client may take to send a request's headers. Env `HTTP_HEADERS_TIMEOUT_MS`, default
   * the keep-alive timeout plus 1 s; it must be longer than the keep-alive timeout, else a request
   * arriving late on an idle connection is cut off by the headers timer first.
   */
  headersTimeoutMs: number;
}

/** Node's own limit on a whole request (`server.requestTimeout`); the headers timeout stays below it. */
export const REQUEST_TIMEOUT_MS = 300_000;

/** Reads the HTTP server settings, adding what is wrong to `problems`. */
export function readHttpServerConfig(env: NodeJS.ProcessEnv, int: IntReader, problems: string[], production: boolean): HttpServerConfig {
  const host = env.HOST || (production ? '0.0.0.0' : '127.0.0.1');
  if (!isIP(host) && !/^[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?(\.[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?)*$/.test(host)) {
    problems.push('HOST must be an IP address or a host name (e.g. 127.0.0.1, 0.0.0.0, ::)');
  }
  const keepAliveTimeoutMs = int('HTTP_KEEP_ALIVE_TIMEOUT_MS', 65_000, 1_000, REQUEST_TIMEOUT_MS - 1_000);
  const headersTimeoutMs = int('HTTP_HEADERS_TIMEOUT_MS', keepAliveTimeoutMs + 1_000, 1_000, REQUEST_TIMEOUT_MS);
  if (headersTimeoutMs <= keepAliveTimeoutMs) problems.push('HTTP_HEADERS_TIMEOUT_MS must be longer than HTTP_KEEP_ALIVE_TIMEOUT_MS');
  return { host, keepAliveTimeoutMs, headersTimeoutMs };
}
