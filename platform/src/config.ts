import { boolReader } from './env-bool.ts';
import { intReader } from './env-int.ts';
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { DEFAULT_CLAIM_NAMES } from './identity/claims.ts';
import { ASYMMETRIC_ALGORITHMS, type AuthConfig } from './identity/verifier.ts';
import { readResilienceConfig, type ResilienceConfig } from './resilience/config.ts';
import { readEdgeConfig, type EdgeConfig } from './edge-config.ts';
import { readHttpServerConfig, type HttpServerConfig } from './http-server-config.ts';
import { readDashboardConfig, type DashboardConfig } from './dashboard-config.ts';

/** The values of `NODE_ENV` caregraph knows; unset means development. */
const NODE_ENVS = ['development', 'test', 'production'];

/** Settings every caregraph process reads from its environment, parsed once at start. */
export interface ServiceConfig {
  /**
   * `NODE_ENV=production`: the start-up refuses development conveniences (see
   * host/production-safety.ts) and some defaults change (demo data off, bind every interface).
   * Any other value than development, test or production is refused, so a typo such as
   * `prod` cannot silently start a development platform.
   */
  production: boolean;
  /** HTTP port. Env `PORT`. */
  port: number;
  /** Bind address and connection timeouts of the HTTP server (env see http-server-config.ts). */
  http: HttpServerConfig;
  /** PostgreSQL URL; unset means embedded PGlite. Env `DATABASE_URL`. */
  databaseUrl: string | undefined;
  /** PGlite data directory when embedded. Env `PGLITE_DATA_DIR`, default `.data/pglite`; `memory` keeps nothing. */
  pgliteDir: string | undefined;
  /**
   * Run on embedded PGlite with `NODE_ENV=production` (a single-process install that accepts its
   * limits: one process per data directory, no replication). Env `ALLOW_EMBEDDED_DATABASE_IN_PRODUCTION`, default false.
   */
  allowEmbeddedDatabaseInProduction: boolean;
  /** Seed the demo data set into an empty database. Env `DEMO_DATA`; default on for embedded in development, else off. */
  demoData: boolean;
  /** Rover-format supergraph config choosing the mode. Env `SUPERGRAPH_CONFIG`, default `supergraph.yaml`. */
  supergraphConfig: string;
  /**
   * Where each subgraph is reached (and, for a subgraph process, which port it listens on unless
   * `PORT` says): env `<NAME>_SUBGRAPH_URL` (`PATIENTS_SUBGRAPH_URL=http://patients:4001/graphql`),
   * replacing the config file's routing_url of that subgraph.
   */
  subgraphUrls: Record<string, string>;
  /**
   * Per-domain databases: env `<NAME>_DATABASE_URL` (`PATIENTS_DATABASE_URL`, ...), each falling back
   * to DATABASE_URL. A subgraph process uses its own (see runSubgraph); the modular monolith runs
   * every domain on DATABASE_URL and refuses per-domain URLs that differ from it.
   */
  domainDatabaseUrls: Record<string, string>;
  /** Largest PostgreSQL pool per process. Env `DATABASE_POOL_MAX`, default 10. */
  poolMax: number;
  /** Prepare statements once per connection (`DATABASE_PREPARE`, default true). */
  prepareStatements: boolean;
  /** How long opening a PostgreSQL connection may take. Env `DATABASE_CONNECT_TIMEOUT_MS`, default 5000. */
  databaseConnectTimeoutMs: number;
  /**
   * PostgreSQL cancels a statement (and ends a transaction left idle) after this long. Env
   * `DATABASE_STATEMENT_TIMEOUT_MS`, default 8000 (below the router's subgraph timeout); 0 = none.
   */
  databaseStatementTimeoutMs: number;
  /** Timeouts, retries, circuit breakers and connection limits between services (env see resilience/config.ts). */
  resilience: ResilienceConfig;
  /** Token verification (env `AUTH_*`, see README "Access model"). */
  auth: AuthConfig;
  /** Secret for router proofs. Env `ROUTER_SECRET` (>= 32 bytes); unset: `ROUTER_SECRET_FILE`. */
  routerSecret: string | undefined;
  /** Env `ROUTER_SECRET_FILE`, default `.data/router-secret` (created on first use, mode 0600). */
  routerSecretFile: string;
  /**
   * The shared secrets by which a subgraph trusts a call (see RouterProof.verifyCredential): env
   * `ROUTER_CREDENTIAL` (sent by any router in `x-caregraph-router-credential`) and `PEER_CREDENTIAL`
   * (peers and the platform's service calls, `x-caregraph-peer-credential`), each at least 32 bytes,
   * with `ROUTER_CREDENTIAL_PREVIOUS` / `PEER_CREDENTIAL_PREVIOUS` also accepted during a rotation.
   * Empty: derived from the router secret (one local installation needs no configuration).
   */
  credentials: { router: string[]; peer: string[] };
  /** PHI key-encryption keys and the blind-index key. Env `KEYS_FILE`, default `.data/keys.json`. */
  keysFile: string;
  /**
   * Where this process appends signed audit checkpoints. Env `AUDIT_CHECKPOINTS_FILE`, default
   * `audit-checkpoints.jsonl` beside the key file (a key file mounted read-only, as a Kubernetes
   * Secret is, needs this on a writable, persistent volume).
   */
  auditCheckpointsFile: string | undefined;
  /**
   * Serve HTTPS with this certificate chain and private key (PEM files). Env `TLS_CERT_FILE` and
   * `TLS_KEY_FILE`, both or neither; unset: plain HTTP (behind a TLS-terminating proxy, or local).
   */
  tls: { certFile: string; keyFile: string; clientCaFile?: string } | undefined;
  /**
   * Mutual TLS to subgraphs, the caller's side: env `SUBGRAPH_CLIENT_CERT_FILE` and
   * `SUBGRAPH_CLIENT_KEY_FILE` (the certificate this process presents: `caregraph-router` or
   * `caregraph-peer`), `SUBGRAPH_CA_FILE` (the private CA the subgraphs' certificates are checked
   * against). The subgraph's side is `TLS_CLIENT_CA_FILE` (see {@link tls}).
   */
  subgraphClientTls: { certFile: string; keyFile: string; caFile: string | undefined } | undefined;
  /** The router's query limits, rate limits, trusted documents, CORS (env see edge-config.ts). */
  edge: EdgeConfig;
  /** The care dashboard the router serves at `/` (env `DASHBOARD_*`, see dashboard-config.ts). */
  dashboard: DashboardConfig;
}

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
  }
}

/** Reads the configuration, failing with every problem at once rather than the first. */
export function readServiceConfig(env: NodeJS.ProcessEnv, defaults: { port: number; pgliteDir?: string }): ServiceConfig {
  const problems: string[] = [];
  const int = intReader(env, problems);
  const bool = boolReader(env, problems);
  if (env.NODE_ENV && !NODE_ENVS.includes(env.NODE_ENV)) problems.push(`NODE_ENV must be one of ${NODE_ENVS.join(', ')} (unset: development)`);
  const production = env.NODE_ENV === 'production';
  const databaseUrl = env.DATABASE_URL || undefined;
  if (databaseUrl && !/^postgres(ql)?:\/\//.test(databaseUrl)) {
    problems.push('DATABASE_URL must start with postgres:// or postgresql://');
  }
  const pgliteDir = env.PGLITE_DATA_DIR || defaults.pgliteDir || '.data/pglite';
  const jwksUrl = env.AUTH_JWKS_URL || undefined;
  const allowHttpJwks = bool('AUTH_JWKS_ALLOW_HTTP', false);
  if (jwksUrl) {
    const url = URL.canParse(jwksUrl) ? new URL(jwksUrl) : null;
    if (!/^https?:\/\//.test(jwksUrl) || !url) problems.push('AUTH_JWKS_URL must be an http(s) URL');
    else if (production && url.protocol === 'http:' && !(allowHttpJwks && isLoopback(url.hostname))) {
      // Over plain HTTP anyone on the path can swap the provider's keys and mint any token.
      problems.push(
        "AUTH_JWKS_URL uses http: production fetches the identity provider's signing keys over https only (over plain HTTP they can be replaced on the way, and forged tokens then verify)" +
          (isLoopback(url.hostname) ? '; for a provider on this host (loopback), set AUTH_JWKS_ALLOW_HTTP=true' : ''),
      );
    }
    if (!env.AUTH_ISSUER) problems.push('AUTH_ISSUER is required with AUTH_JWKS_URL');
    if (!env.AUTH_AUDIENCE) problems.push('AUTH_AUDIENCE is required with AUTH_JWKS_URL');
  }
  const algorithms = (env.AUTH_ALGORITHMS || 'RS256,ES256,PS256').split(',').map((a) => a.trim());
  const unsafe = algorithms.filter((alg) => !ASYMMETRIC_ALGORITHMS.includes(alg));
  if (unsafe.length > 0) problems.push(`AUTH_ALGORITHMS may list only ${ASYMMETRIC_ALGORITHMS.join(', ')}`);
  if (env.ROUTER_SECRET && Buffer.byteLength(env.ROUTER_SECRET) < 32) problems.push('ROUTER_SECRET must be at least 32 bytes');
  const tls = tlsFiles(env, problems);
  const clientTls = subgraphClientTls(env, problems);
  const credentials = sharedCredentials(env, problems);
  const config: ServiceConfig = {
    production,
    port: int('PORT', defaults.port, 0, 65535),
    http: readHttpServerConfig(env, int, problems, production),
    databaseUrl,
    pgliteDir: pgliteDir === 'memory' ? undefined : resolve(pgliteDir),
    allowEmbeddedDatabaseInProduction: bool('ALLOW_EMBEDDED_DATABASE_IN_PRODUCTION', false),
    // The demo set is a newcomer's convenience: on by default only where a newcomer starts.
    demoData: bool('DEMO_DATA', !databaseUrl && !production),
    supergraphConfig: resolve(env.SUPERGRAPH_CONFIG || 'supergraph.yaml'),
    subgraphUrls: subgraphUrls(env, problems),
    domainDatabaseUrls: domainDatabaseUrls(env),
    poolMax: int('DATABASE_POOL_MAX', 10, 1, 1000),
    prepareStatements: env.DATABASE_PREPARE !== 'false',
    databaseConnectTimeoutMs: int('DATABASE_CONNECT_TIMEOUT_MS', 5_000, 100, 600_000),
    databaseStatementTimeoutMs: int('DATABASE_STATEMENT_TIMEOUT_MS', 8_000, 0, 3_600_000),
    resilience: { ...readResilienceConfig(env, int), ...(clientTls ? { clientTls } : {}) },
    auth: {
      jwksUrl,
      issuer: env.AUTH_ISSUER ?? '',
      audience: env.AUTH_AUDIENCE ?? '',
      algorithms,
      tokenTypes: (env.AUTH_TOKEN_TYPES || 'jwt,at+jwt').split(',').map((t) => t.trim().toLowerCase()),
      requireTyp: env.AUTH_REQUIRE_TYP === 'true',
      claims: {
        role: env.AUTH_ROLE_CLAIM || DEFAULT_CLAIM_NAMES.role,
        organization: env.AUTH_ORG_CLAIM || DEFAULT_CLAIM_NAMES.organization,
        patient: env.AUTH_PATIENT_CLAIM || DEFAULT_CLAIM_NAMES.patient,
        device: env.AUTH_DEVICE_CLAIM || DEFAULT_CLAIM_NAMES.device,
      },
      devKeyFile: resolve(env.AUTH_DEV_KEY_FILE || '.data/dev-issuer.json'),
      clockToleranceSeconds: int('AUTH_CLOCK_TOLERANCE', 30, 0, 300),
      maxTokenAgeSeconds: int('AUTH_MAX_TOKEN_AGE', 86_400, 60, 2_592_000),
      jwksCooldownMs: int('AUTH_JWKS_COOLDOWN_MS', 30_000, 0, 3_600_000),
      verifiedTokenCacheMs: int('AUTH_VERIFIED_TOKEN_CACHE_SECONDS', 60, 0, 3_600) * 1000,
    },
    routerSecret: env.ROUTER_SECRET || undefined,
    routerSecretFile: resolve(env.ROUTER_SECRET_FILE || '.data/router-secret'),
    credentials,
    keysFile: resolve(env.KEYS_FILE || '.data/keys.json'),
    auditCheckpointsFile: env.AUDIT_CHECKPOINTS_FILE ? resolve(env.AUDIT_CHECKPOINTS_FILE) : undefined,
    tls,
    subgraphClientTls: clientTls,
    edge: readEdgeConfig(env, problems),
    dashboard: readDashboardConfig(env, { int, bool, problems }, { external: Boolean(jwksUrl), issuer: env.AUTH_ISSUER ?? '' }),
  };
  if (problems.length > 0) throw new ConfigError(problems);
  return config;
}

/** A loopback host: traffic to it never leaves the machine. */
function isLoopback(hostname: string): boolean {
  return hostname === 'localhost' || hostname === '[::1]' || /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(hostname);
}

const SUBGRAPH_URL_VARIABLE = /^([A-Z][A-Z0-9]*)_SUBGRAPH_URL$/;

function subgraphUrls(env: NodeJS.ProcessEnv, problems: string[]): Record<string, string> {
  const urls: Record<string, string> = {};
  for (const [variable, value] of Object.entries(env)) {
    const match = SUBGRAPH_URL_VARIABLE.exec(variable);
    if (!match || !value) continue;
    let url: URL | null = null;
    try {
      url = new URL(value);
    } catch {
      // reported below
    }
    if (!url || !['http:', 'https:'].includes(url.protocol)) problems.push(`${variable} must be an http(s) URL`);
    else urls[match[1]!.toLowerCase()] = value;
  }
  return urls;
}

const DOMAIN_DATABASE_VARIABLE = /^([A-Z][A-Z0-9]*)_DATABASE_URL$/;
/** Variables of the same shape that name no domain's database. */
const NOT_A_DOMAIN = new Set(['TEST']);

function domainDatabaseUrls(env: NodeJS.ProcessEnv): Record<string, string> {
  const urls: Record<string, string> = {};
  for (const [variable, value] of Object.entries(env)) {
    const match = DOMAIN_DATABASE_VARIABLE.exec(variable);
    if (match && value && !NOT_A_DOMAIN.has(match[1]!)) urls[match[1]!.toLowerCase()] = value;
  }
  return urls;
}

/** The database of one domain: `<NAME>_DATABASE_URL` (`PATIENTS_DATABASE_URL`), else `DATABASE_URL`. */
export function domainDatabaseUrl(env: NodeJS.ProcessEnv, domain: string): string | undefined {
  return env[`${domain.toUpperCase()}_DATABASE_URL`] || env.DATABASE_URL || undefined;
}

function sharedCredentials(env: NodeJS.ProcessEnv, problems: string[]): ServiceConfig['credentials'] {
  const read = (name: 'ROUTER_CREDENTIAL' | 'PEER_CREDENTIAL'): string[] => {
    const current = env[name] || undefined;
    const previous = env[`${name}_PREVIOUS`] || undefined;
    if (previous && !current) problems.push(`${name}_PREVIOUS is set without ${name}`);
    for (const [variable, value] of [[name, current], [`${name}_PREVIOUS`, previous]] as const) {
      if (value && Buffer.byteLength(value) < 32) problems.push(`${variable} must be at least 32 bytes`);
    }
    return [current, previous].filter((value): value is string => Boolean(value));
  };
  const credentials = { router: read('ROUTER_CREDENTIAL'), peer: read('PEER_CREDENTIAL') };
  if ((credentials.router.length === 0) !== (credentials.peer.length === 0)) {
    problems.push('ROUTER_CREDENTIAL and PEER_CREDENTIAL are set together (a peer credential lets a subgraph run internal operations a router may not)');
  }
  // A subgraph takes a credential that is both for a peer's: the router's holder would be a peer.
  if (credentials.router.some((value) => credentials.peer.includes(value))) {
    problems.push('ROUTER_CREDENTIAL and PEER_CREDENTIAL (and their _PREVIOUS) must differ: a router credential that is also a peer credential runs internal operations and reads every domain\'s audit trail');
  }
  return credentials;
}

function tlsFiles(env: NodeJS.ProcessEnv, problems: string[]): ServiceConfig['tls'] {
  const certFile = env.TLS_CERT_FILE || undefined;
  const keyFile = env.TLS_KEY_FILE || undefined;
  if (!certFile && !keyFile) {
    // Without a certificate of its own a subgraph serves plain HTTP and trusts shared credentials:
    // not the mutual TLS the operator asked for.
    if (env.TLS_CLIENT_CA_FILE) problems.push('TLS_CLIENT_CA_FILE is set without TLS_CERT_FILE and TLS_KEY_FILE: mutual TLS needs the service to serve HTTPS');
    return undefined;
  }
  if (!certFile || !keyFile) {
    problems.push('TLS_CERT_FILE and TLS_KEY_FILE must be set together');
    return undefined;
  }
  for (const [name, file] of [['TLS_CERT_FILE', certFile], ['TLS_KEY_FILE', keyFile]] as const) {
    if (!existsSync(file)) problems.push(`${name} names a file that does not exist`);
  }
  const clientCaFile = env.TLS_CLIENT_CA_FILE || undefined;
  if (clientCaFile && !existsSync(clientCaFile)) problems.push('TLS_CLIENT_CA_FILE names a file that does not exist');
  return { certFile: resolve(certFile), keyFile: resolve(keyFile), ...(clientCaFile ? { clientCaFile: resolve(clientCaFile) } : {}) };
}

function subgraphClientTls(env: NodeJS.ProcessEnv, problems: string[]): ServiceConfig['subgraphClientTls'] {
  const certFile = env.SUBGRAPH_CLIENT_CERT_FILE || undefined;
  const keyFile = env.SUBGRAPH_CLIENT_KEY_FILE || undefined;
  const caFile = env.SUBGRAPH_CA_FILE || undefined;
  if (!certFile && !keyFile) {
    if (caFile) problems.push('SUBGRAPH_CA_FILE is set without SUBGRAPH_CLIENT_CERT_FILE and SUBGRAPH_CLIENT_KEY_FILE');
    return undefined;
  }
  if (!certFile || !keyFile) {
    problems.push('SUBGRAPH_CLIENT_CERT_FILE and SUBGRAPH_CLIENT_KEY_FILE must be set together');
    return undefined;
  }
  for (const [name, file] of [['SUBGRAPH_CLIENT_CERT_FILE', certFile], ['SUBGRAPH_CLIENT_KEY_FILE', keyFile], ['SUBGRAPH_CA_FILE', caFile]] as const) {
    if (file && !existsSync(file)) problems.push(`${name} names a file that does not exist`);
  }
  return { certFile: resolve(certFile), keyFile: resolve(keyFile), caFile: caFile ? resolve(caFile) : undefined };
}
