import { boolReader } from './env-bool.ts';
import { intReader, type IntReader } from './env-int.ts';
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';

/**
 * The router's edge protections (README "Limits and edge protections"), from the environment.
 * Every limit has a default fit for production; the values are never told to clients.
 */
export interface EdgeConfig {
  /** Largest request body in bytes; larger gets 413 before it is read. Env `MAX_BODY_BYTES`, default 1 000 000. */
  maxBodyBytes: number;
  /** Deepest selection nesting. Env `QUERY_MAX_DEPTH`, default 10. */
  maxDepth: number;
  /** Most aliases in one operation. Env `QUERY_MAX_ALIASES`, default 15. */
  maxAliases: number;
  /** Most directives in one operation. Env `QUERY_MAX_DIRECTIVES`, default 10. */
  maxDirectives: number;
  /** Most lexical tokens in one document. Env `QUERY_MAX_TOKENS`, default 1000. */
  maxTokens: number;
  /** Highest estimated cost (fields times page sizes, see router/src/edge/query-cost.ts). Env `QUERY_MAX_COST`, default 10 000. */
  maxCost: number;
  /** Requests per window from one address (IPv6: one /64), before authentication; 0 = no limit. Env `RATE_LIMIT_ADDRESS`, default 1200. */
  rateLimitPerAddress: number;
  /** Requests per window by one authenticated principal (token subject); 0 = no limit. Env `RATE_LIMIT_PRINCIPAL`, default 600. */
  rateLimitPerPrincipal: number;
  /** The rate-limit window in seconds. Env `RATE_LIMIT_WINDOW_SECONDS`, default 60. */
  rateLimitWindowSeconds: number;
  /** NOT_FOUND answers one principal may get in a rate-limit window before the request that passes it is audited as probing; 0 = off. Env `PROBE_REPORT_THRESHOLD`, default 20. */
  probeReportThreshold: number;
  /** Reverse proxies in front of the router whose `X-Forwarded-For` entry is trusted. Env `TRUSTED_PROXY_HOPS`, default 0. */
  trustedProxyHops: number;
  /** Origins a browser may call the API from; none by default, never a wildcard. Env `CORS_ORIGINS` (comma-separated). */
  corsOrigins: string[];
  /** Registered operations per OAuth client; a client listed there may run only those. Env `TRUSTED_DOCUMENTS_FILE`, default `trusted-documents.json` (absent: nobody is restricted). */
  trustedDocumentsFile: string | undefined;
  /** How long an automatic persisted query stays registered; 0 turns APQ off. Env `APQ_TTL_SECONDS`, default 86 400. */
  apqTtlSeconds: number;
  /**
   * Introspection and the development GraphQL explorer (GraphiQL at `/graphql` in a browser,
   * router/src/dashboard/explorer.ts), together (the explorer needs introspection). Env
   * `GRAPHQL_INTROSPECTION`, default on in development and off with `NODE_ENV=production`, where
   * turning it on is refused at start-up (host/production-safety.ts).
   */
  developmentTools: boolean;
  /**
   * Where router replicas share their rate-limit and probe counts; unset (`REDIS_URL` empty):
   * each process counts in its own memory. See {@link RedisConfig}.
   */
  redis: RedisConfig | undefined;
}

/** The Redis the router replicas share counters through (router/src/edge/shared-store.ts). */
export interface RedisConfig {
  /**
   * `redis://[user:password@]host:port[/db]`, or `rediss://…` for TLS (a private CA through
   * `NODE_EXTRA_CA_CERTS`). Env `REDIS_URL`; never logged or echoed, as it may hold a password.
   */
  url: string;
  /**
   * Put before every key, so two deployments on one Redis never share counters. Env
   * `REDIS_KEY_PREFIX`, default `caregraph:`; letters, digits and `._:-`, at most 64.
   */
  keyPrefix: string;
  /**
   * How long one Redis command may take before the request is counted in memory instead. Env
   * `REDIS_COMMAND_TIMEOUT_MS`, default 250 (a command takes well under 1 ms on a local network),
   * at most 2000 (so `/readyz`, which asks Redis too, answers within its own 3 s).
   */
  commandTimeoutMs: number;
  /** How long opening a connection may take before it is tried again. Env `REDIS_CONNECT_TIMEOUT_MS`, default 2000. */
  connectTimeoutMs: number;
}

const DEFAULT_TRUSTED_DOCUMENTS_FILE = 'trusted-documents.json';

/** Reads the edge settings, adding what is wrong to `problems` (the caller reports them all at once). */
export function readEdgeConfig(env: NodeJS.ProcessEnv, problems: string[]): EdgeConfig {
  const int = intReader(env, problems);
  const bool = boolReader(env, problems);
  return {
    maxBodyBytes: int('MAX_BODY_BYTES', 1_000_000, 1_024, 100_000_000),
    maxDepth: int('QUERY_MAX_DEPTH', 10, 1, 100),
    maxAliases: int('QUERY_MAX_ALIASES', 15, 0, 1_000),
    maxDirectives: int('QUERY_MAX_DIRECTIVES', 10, 0, 1_000),
    maxTokens: int('QUERY_MAX_TOKENS', 1_000, 10, 100_000),
    maxCost: int('QUERY_MAX_COST', 10_000, 1, 100_000_000),
    rateLimitPerAddress: int('RATE_LIMIT_ADDRESS', 1_200, 0, 10_000_000),
    rateLimitPerPrincipal: int('RATE_LIMIT_PRINCIPAL', 600, 0, 10_000_000),
    rateLimitWindowSeconds: int('RATE_LIMIT_WINDOW_SECONDS', 60, 1, 86_400),
    probeReportThreshold: int('PROBE_REPORT_THRESHOLD', 20, 0, 1_000_000),
    trustedProxyHops: int('TRUSTED_PROXY_HOPS', 0, 0, 10),
    corsOrigins: corsOrigins(env.CORS_ORIGINS, problems),
    trustedDocumentsFile: trustedDocumentsFile(env.TRUSTED_DOCUMENTS_FILE, problems),
    apqTtlSeconds: int('APQ_TTL_SECONDS', 86_400, 0, 31_536_000),
    developmentTools: bool('GRAPHQL_INTROSPECTION', env.NODE_ENV !== 'production'),
    redis: redisConfig(env, int, problems),
  };
}

const KEY_PREFIX = /^[A-Za-z0-9._:-]{1,64}$/;

function redisConfig(env: NodeJS.ProcessEnv, int: IntReader, problems: string[]): RedisConfig | undefined {
  const keyPrefix = env.REDIS_KEY_PREFIX || 'caregraph:';
  if (!KEY_PREFIX.test(keyPrefix)) problems.push('REDIS_KEY_PREFIX may hold only letters, digits and . _ : - (at most 64)');
  const commandTimeoutMs = int('REDIS_COMMAND_TIMEOUT_MS', 250, 10, 2_000);
  const connectTimeoutMs = int('REDIS_CONNECT_TIMEOUT_MS', 2_000, 100, 60_000);
  const url = env.REDIS_URL || undefined;
  if (!url) return undefined;
  // The URL is not repeated in the message: it may carry the Redis password.
  if (!URL.canParse(url) || !['redis:', 'rediss:'].includes(new URL(url).protocol)) {
    problems.push('REDIS_URL must be a redis:// or rediss:// URL');
  }
  return { url, keyPrefix, commandTimeoutMs, connectTimeoutMs };
}

function corsOrigins(raw: string | undefined, problems: string[]): string[] {
  const origins = (raw ?? '').split(',').map((origin) => origin.trim()).filter(Boolean);
  for (const origin of origins) {
    // An exact origin only: a wildcard would let any site read answers with the user's token.
    if (!/^https?:\/\/[^/*\s]+$/.test(origin)) problems.push(`CORS_ORIGINS: "${origin}" is not an origin like https://app.example.org (no wildcard, no path)`);
  }
  return origins;
}

function trustedDocumentsFile(raw: string | undefined, problems: string[]): string | undefined {
  if (!raw) return existsSync(DEFAULT_TRUSTED_DOCUMENTS_FILE) ? resolve(DEFAULT_TRUSTED_DOCUMENTS_FILE) : undefined;
  if (!existsSync(raw)) problems.push('TRUSTED_DOCUMENTS_FILE names a file that does not exist');
  return resolve(raw);
}
