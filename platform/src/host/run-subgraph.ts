import { domainDatabaseUrl, readServiceConfig } from '../config.ts';
import type { DomainService } from '../domain-service.ts';
import { httpTransport, unavailableTransport, type SubgraphTransport } from '../federation/transport.ts';
import { RouterProof } from '../identity/router-proof.ts';
import { createTokenVerifier } from '../identity/verifier.ts';
import { isInProcess, readSupergraphConfig } from '../supergraph-config.ts';
import { prepareDatabase } from './prepare-database.ts';
import { refuseUnsafeProduction, subgraphRole, trustsByMutualTls } from './production-safety.ts';
import { databaseState } from '../resilience/readiness.ts';
import { serveSubgraph } from './subgraph-server.ts';
import { servedTrailPage } from '../audit/trail-page.ts';

/**
 * Runs one domain as its own process (distributed mode): its own database connection (or its own
 * embedded database), its peers reached over HTTP at the URLs in the supergraph config.
 */
export async function runSubgraph(service: DomainService, env: NodeJS.ProcessEnv = process.env) {
  const probe = readServiceConfig(env, { port: 0 });
  const supergraph = readSupergraphConfig(probe.supergraphConfig, probe.subgraphUrls);
  const own = supergraph.subgraphs.find((entry) => entry.name === service.name);
  const defaultPort = own && !isInProcess(own) ? Number(new URL(own.routingUrl).port) || 80 : 4001;
  // The domain's own database (`<NAME>_DATABASE_URL`, else the shared DATABASE_URL); embedded, its
  // own data directory, like its schema in a shared server.
  const ownDatabase = domainDatabaseUrl(env, service.name);
  const config = readServiceConfig(
    { ...env, ...(ownDatabase ? { DATABASE_URL: ownDatabase } : {}) },
    { port: defaultPort, pgliteDir: `.data/pglite-${service.name}` },
  );
  // Before the proof secret or any database is opened: production refuses what would be unsafe.
  refuseUnsafeProduction(config, subgraphRole(service));

  const proof = RouterProof.fromConfig(config.routerSecret, config.routerSecretFile, config.credentials, { writeFile: !(config.production && trustsByMutualTls(config)) });
  const verifier = await createTokenVerifier(config.auth);
  const peers: Record<string, SubgraphTransport> = {};
  for (const name of service.peers) {
    const entry = supergraph.subgraphs.find((candidate) => candidate.name === name);
    // A peer missing from the config only disables what needs it (e.g. erasure), not the service.
    peers[name] =
      entry && !isInProcess(entry) ? httpTransport(name, entry.routingUrl, proof, config.resilience) : unavailableTransport(name, supergraph.path);
  }

  const { database, phiKeys } = await prepareDatabase(config, [service]);
  const subgraph = service.create({ db: database.db, phiKeys, peers });
  const server = await serveSubgraph(subgraph, {
    port: config.port,
    host: config.http.host,
    timeouts: config.http,
    introspection: config.edge.developmentTools,
    tls: config.tls,
    verifier,
    proof,
    trail: (request) => servedTrailPage(database.db, request),
    // The schema is built before the server listens; what can change is the database.
    ready: async () => {
      const databaseCheck = await databaseState(database);
      return { ready: databaseCheck === 'reachable', checks: { schema: 'loaded', database: databaseCheck } };
    },
  });
  const stop = async () => {
    await server.close();
    await database.close();
  };
  return { url: server.url, stop };
}
