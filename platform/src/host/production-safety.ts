import { existsSync } from 'node:fs';
import { ConfigError, type ServiceConfig } from '../config.ts';
import type { DomainService } from '../domain-service.ts';
import { isInProcess, type SupergraphConfig } from '../supergraph-config.ts';

/** What a serving process does, which decides what production asks of it. */
export interface ProcessRole {
  /** It opens a database: the router with in-process subgraphs, a subgraph process, a launcher of them. */
  opensDatabase: boolean;
  /** It encrypts PHI (hosts a domain that does), so it needs the key-encryption keys. */
  encryptsPhi: boolean;
  /** It calls subgraphs, or is called by the router, over HTTP, so a router proof secret must be shared. */
  usesRouterProof: boolean;
}

/**
 * Why this configuration must not serve with `NODE_ENV=production`: every development
 * convenience that would make a production platform unsafe (a token anyone with the repository
 * can mint, synthetic data mixed with real records, the schema open to strangers, a database
 * that cannot be shared or replicated, secrets generated where nobody will back them up).
 * Empty outside production and when nothing is wrong.
 */
export function productionProblems(config: ServiceConfig, role: ProcessRole): string[] {
  if (!config.production) return [];
  const problems: string[] = [];
  if (!config.auth.jwksUrl) {
    problems.push(
      'AUTH_JWKS_URL is not set: in production caregraph does not trust the development token issuer (pnpm dev-token); set AUTH_JWKS_URL, AUTH_ISSUER and AUTH_AUDIENCE of your identity provider',
    );
  }
  if (config.demoData) problems.push('DEMO_DATA is true: production does not seed synthetic demo data');
  if (config.edge.developmentTools) problems.push('GRAPHQL_INTROSPECTION is true: production serves neither introspection nor the explorer');
  if (role.opensDatabase && !config.databaseUrl) {
    if (!config.allowEmbeddedDatabaseInProduction) {
      problems.push(
        'DATABASE_URL is not set: production runs on PostgreSQL; to run on the embedded database (PGlite) anyway, set ALLOW_EMBEDDED_DATABASE_IN_PRODUCTION=true',
      );
    } else if (!config.pgliteDir) {
      problems.push('PGLITE_DATA_DIR is memory: production keeps its data (and audit trail) in a data directory');
    }
  }
  if (role.usesRouterProof && !config.routerSecret && config.credentials.peer.length === 0 && !trustsByMutualTls(config) && !existsSync(config.routerSecretFile)) {
    problems.push(
      `neither ROUTER_CREDENTIAL and PEER_CREDENTIAL nor ROUTER_SECRET is set, and ROUTER_SECRET_FILE (${config.routerSecretFile}) does not exist: production does not generate the secrets subgraphs trust calls by; set ROUTER_CREDENTIAL and PEER_CREDENTIAL (at least 32 bytes each, the same for the router and every subgraph), or ROUTER_SECRET, or use mutual TLS (TLS_CLIENT_CA_FILE on the subgraphs, SUBGRAPH_CLIENT_CERT_FILE and SUBGRAPH_CLIENT_KEY_FILE on their callers)`,
    );
  }
  // Every process that opens a database writes audit events, sealed with the audit chain key from
  // the same file: a process that made its own would seal with a key no verifier holds.
  if ((role.encryptsPhi || role.opensDatabase) && !existsSync(config.keysFile)) {
    const holds = role.encryptsPhi ? 'PHI encryption keys and the audit chain key' : 'the audit chain key';
    problems.push(
      `KEYS_FILE (${config.keysFile}) does not exist: production does not create ${holds} by itself; provision the same file for every process (pnpm keys:rotate creates one) and back it up, or plug in a KMS`,
    );
  }
  return problems;
}

/**
 * This process trusts (as a subgraph: `TLS_CLIENT_CA_FILE`) or is trusted (as a caller:
 * `SUBGRAPH_CLIENT_CERT_FILE`) by mutual TLS, so it needs no shared secret.
 */
export function trustsByMutualTls(config: ServiceConfig): boolean {
  return Boolean(config.tls?.clientCaFile || config.subgraphClientTls);
}

/** Throws a {@link ConfigError} listing every {@link productionProblems} problem, if any. */
export function refuseUnsafeProduction(config: ServiceConfig, role: ProcessRole): void {
  const problems = productionProblems(config, role);
  if (problems.length > 0) throw new ConfigError(problems);
}

/**
 * The role of a router process: it opens the database of its in-process subgraphs, and shares the
 * proof secret with the subgraphs it reaches over HTTP. A launcher also starts those subgraphs,
 * which open databases of their own (and check themselves again when they start).
 */
export function routerRole(supergraph: SupergraphConfig, services: readonly DomainService[], options: { launchesSubgraphs: boolean }): ProcessRole {
  const local = supergraph.subgraphs.filter(isInProcess);
  const remote = supergraph.subgraphs.length - local.length;
  const hosted = options.launchesSubgraphs ? supergraph.subgraphs : local;
  return {
    opensDatabase: local.length > 0 || (options.launchesSubgraphs && remote > 0),
    encryptsPhi: services.some((service) => service.encryptsPhi && hosted.some((entry) => entry.name === service.name)),
    usesRouterProof: remote > 0,
  };
}

/** The role of one subgraph's own process (distributed mode). */
export function subgraphRole(service: DomainService): ProcessRole {
  return { opensDatabase: true, encryptsPhi: service.encryptsPhi === true, usesRouterProof: true };
}
