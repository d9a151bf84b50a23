import {
  createTokenVerifier,
  graphqlHandler,
  inProcessTransport,
  listen,
  openDatabase,
  phiKeysFrom,
  readSupergraphConfig,
  RouterProof,
  type ServiceConfig,
  type Subgraph,
  type SubgraphTransport,
  type Viewer,
} from '@caregraph/platform';
import { accessLogVia } from '@caregraph/router/access-log';
import { routerContext } from '@caregraph/router/authenticate';
import { createRouter } from '@caregraph/router/gateway';
import { edgeApolloOptions } from '@caregraph/router/edge/apollo-options';
import { withCors } from '@caregraph/router/edge/cors';
import { RateLimits } from '@caregraph/router/edge/rate-limits';
import { TrustedDocuments } from '@caregraph/router/edge/trusted-documents/manifest';
import { SubgraphResilience } from '@caregraph/router/resilience/index';
import { DOMAIN_SERVICES } from '@caregraph/router/services';
import { fixedViewerContext, NO_ACCESS_LOG, unguardedSubgraph } from './unguarded.ts';

export type Security = 'on' | 'off';

/**
 * The in-process platform assembled as `startPlatform` assembles it (same router, edge options,
 * CORS, body limit, in-process data sources), with security `on` (token verification, field rules,
 * audit, PHI decryption) or `off` (a fixed viewer, no field rules, no audit, ciphertext unread).
 * Both variants come from this one function, so the comparison differs only in security.
 */
export async function startInProcessStack(config: ServiceConfig, security: Security, viewer: Viewer): Promise<{ url: string; stop(): Promise<void> }> {
  const supergraph = readSupergraphConfig(config.supergraphConfig, config.subgraphUrls);
  const database = await openDatabase({ url: config.databaseUrl, maxConnections: config.poolMax });
  const phiKeys = phiKeysFrom(config);
  const transports = new Map<string, SubgraphTransport>();
  const lazy = (name: string): SubgraphTransport => ({ name, execute: (request, info) => transports.get(name)!.execute(request, info) });
  const built = new Map<string, Subgraph>();
  for (const service of DOMAIN_SERVICES) {
    const deps = { db: database.db, phiKeys, peers: Object.fromEntries(service.peers.map((name) => [name, lazy(name)])) };
    const subgraph = security === 'on' ? service.create(deps) : unguardedSubgraph(service, deps);
    built.set(service.name, subgraph);
    transports.set(service.name, inProcessTransport(subgraph));
  }
  const accessLog = security === 'on' ? accessLogVia(lazy('audit')) : NO_ACCESS_LOG;
  const trustedDocuments = config.edge.trustedDocumentsFile ? TrustedDocuments.load(config.edge.trustedDocumentsFile) : TrustedDocuments.none();
  const resilience = new SubgraphResilience(config.resilience);
  const proof = RouterProof.fromConfig(config.routerSecret, config.routerSecretFile, config.credentials);
  const router = createRouter({ supergraph, inProcess: built, proof, accessLog, edge: edgeApolloOptions(config.edge, trustedDocuments), resilience });
  await router.start();
  const context =
    security === 'on'
      ? routerContext(await createTokenVerifier(config.auth), accessLog, { rateLimits: new RateLimits(config.edge), trustedProxyHops: config.edge.trustedProxyHops })
      : fixedViewerContext(viewer);
  const http = await listen({
    port: 0,
    graphql: withCors(config.edge.corsOrigins, graphqlHandler(router, context, { maxBodyBytes: config.edge.maxBodyBytes })),
  });
  return {
    url: http.url,
    async stop() {
      await http.close();
      await router.stop();
      resilience.shutdown();
      await database.close();
    },
  };
}
