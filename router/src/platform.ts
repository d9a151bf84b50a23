import { ProbeWatch } from './edge/probe-watch.ts';
import {
  ConfigError,
  graphqlHandler,
  httpTransport,
  inProcessTransport,
  isInProcess,
  listen,
  prepareDatabase,
  readSupergraphConfig,
  RouterProof,
  trustsByMutualTls,
  createTokenVerifier,
  DASHBOARD_CLIENT_ID,
  type Database,
  type DemoPlan,
  type ServiceConfig,
  type Subgraph,
  type SubgraphTransport,
} from '@caregraph/platform';
import { accessLogVia } from './access-log.ts';
import { routerContext } from './authenticate.ts';
import { createRouter } from './gateway.ts';
import { edgeApolloOptions } from './edge/apollo-options.ts';
import { withCors } from './edge/cors.ts';
import { RateLimits } from './edge/rate-limits.ts';
import { SharedStore, withRedisCheck } from './edge/shared-store.ts';
import { TrustedDocuments } from './edge/trusted-documents/manifest.ts';
import { routerReadiness, SubgraphResilience } from './resilience/index.ts';
import { DOMAIN_SERVICES } from './services.ts';
import { buildDashboardIfNeeded } from './dashboard/build-on-start.ts';
import { dashboardPages } from './dashboard/pages.ts';
import { fhirFace, withFhir } from './fhir-face.ts';
import { withExplorer, withoutExplorerFile } from './dashboard/explorer.ts';

export interface RunningPlatform {
  url: string;
  /** The demo data written at this start, if the database was empty. */
  seeded: DemoPlan | null;
  mode: 'in-process' | 'distributed' | 'mixed';
  /** The database of the in-process subgraphs; null when every subgraph runs elsewhere. */
  database: Database | null;
  stop(): Promise<void>;
}

/**
 * Starts the router and every subgraph the supergraph config runs in-process. With all subgraphs
 * `inproc://` this is the modular monolith; with none, the router alone in front of remote subgraphs.
 */
export async function startPlatform(config: ServiceConfig): Promise<RunningPlatform> {
  const supergraph = readSupergraphConfig(config.supergraphConfig, config.subgraphUrls);
  const local = DOMAIN_SERVICES.filter((service) =>
    supergraph.subgraphs.some((entry) => entry.name === service.name && isInProcess(entry)),
  );
  // One process, one database: a domain that should have its own runs as its own process.
  const apart = local.filter((service) => (config.domainDatabaseUrls[service.name] ?? config.databaseUrl) !== config.databaseUrl);
  if (apart.length > 0) {
    throw new ConfigError(
      apart.map((service) => `${service.name.toUpperCase()}_DATABASE_URL differs from DATABASE_URL: in-process subgraphs share the router's database; run ${service.name} as its own process (distributed mode) to give it its own`),
    );
  }
  const prepared = local.length > 0 ? await prepareDatabase(config, local) : null;

  const proof = RouterProof.fromConfig(config.routerSecret, config.routerSecretFile, config.credentials, { writeFile: !(config.production && trustsByMutualTls(config)) });
  const verifier = await createTokenVerifier(config.auth);
  const built = new Map<string, Subgraph>();
  const transports = new Map<string, SubgraphTransport>();
  for (const entry of supergraph.subgraphs) {
    if (!isInProcess(entry)) transports.set(entry.name, httpTransport(entry.name, entry.routingUrl, proof, config.resilience));
  }
  // Peers are looked up when called, not when built: patients (built first) erases data in
  // observations and devices, which are built after it. A remote peer (known by now) keeps its
  // trail: its database is its own, and the audit domain must read it there (see TrailReader).
  const lazy = (name: string): SubgraphTransport => ({
    name,
    execute: (request, info) => {
      const transport = transports.get(name);
      if (!transport) throw new Error(`subgraph ${name} is not configured`);
      return transport.execute(request, info);
    },
    ...(transports.get(name)?.readTrail ? { readTrail: (page) => transports.get(name)!.readTrail!(page) } : {}),
  });
  for (const service of local) {
    const peers = Object.fromEntries(service.peers.map((name) => [name, lazy(name)]));
    const subgraph = service.create({ db: prepared!.database.db, phiKeys: prepared!.phiKeys, peers });
    built.set(service.name, subgraph);
    transports.set(service.name, inProcessTransport(subgraph));
  }

  const accessLog = accessLogVia(lazy('audit'));
  // The dashboard's documents are filed as caregraph-dashboard; DASHBOARD_OIDC_CLIENT_ID may name it otherwise.
  const dashboardClient = config.dashboard.oidc.clientId !== DASHBOARD_CLIENT_ID ? { [config.dashboard.oidc.clientId]: DASHBOARD_CLIENT_ID } : {};
  const trustedDocuments = config.edge.trustedDocumentsFile ? TrustedDocuments.load(config.edge.trustedDocumentsFile, dashboardClient) : TrustedDocuments.none();
  const edge = edgeApolloOptions(config.edge, trustedDocuments);
  const resilience = new SubgraphResilience(config.resilience);
  // Replicas count rate limits and probes together in Redis when there is one (edge/shared-store.ts).
  const shared = config.edge.redis ? await SharedStore.connect(config.edge.redis) : null;
  const probes = new ProbeWatch({ threshold: config.edge.probeReportThreshold, windowMs: config.edge.rateLimitWindowSeconds * 1000 }, shared);
  const router = createRouter({ supergraph, inProcess: built, proof, accessLog, edge, resilience, probes });
  await router.start();
  await buildDashboardIfNeeded(config.dashboard, { production: config.production });
  // One context for every door (GraphQL and FHIR): the same sign-in, rate limits and refusal audit.
  const context = routerContext(verifier, accessLog, { rateLimits: new RateLimits(config.edge, shared), trustedProxyHops: config.edge.trustedProxyHops });
  const http = await listen({
    port: config.port,
    host: config.http.host,
    timeouts: config.http,
    // The router serves its callers; client certificates are a subgraph's check (TLS_CLIENT_CA_FILE).
    tls: config.tls && { certFile: config.tls.certFile, keyFile: config.tls.keyFile },
    // A browser's GET of /graphql gets the explorer in development (dashboard/explorer.ts).
    graphql: withExplorer(
      config,
      trustedDocuments,
      withCors(
        config.edge.corsOrigins,
        graphqlHandler(router, context, { maxBodyBytes: config.edge.maxBodyBytes }),
      ),
    ),
    // /fhir: the FHIR R4 face (fhir/), through this router; every other path: the dashboard's pages.
    pages: withFhir(fhirFace(router, context), withoutExplorerFile(dashboardPages(config))),
    ready: withRedisCheck(routerReadiness({ supergraph, database: prepared?.database ?? null, resilience }), shared),
  });
  const remote = supergraph.subgraphs.length - local.length;
  return {
    url: http.url,
    seeded: prepared?.seeded ?? null,
    database: prepared?.database ?? null,
    mode: remote === 0 ? 'in-process' : local.length === 0 ? 'distributed' : 'mixed',
    async stop() {
      await http.close();
      await router.stop();
      resilience.shutdown();
      await shared?.close();
      await prepared?.database.close();
    },
  };
}
