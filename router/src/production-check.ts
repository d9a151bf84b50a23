import { readSupergraphConfig, refuseUnsafeProduction, routerRole, type ServiceConfig } from '@caregraph/platform';
import { DOMAIN_SERVICES } from './services.ts';

/**
 * Refuses to start a router (`pnpm start`) or a launcher (`pnpm start:distributed`) that would be
 * unsafe with `NODE_ENV=production` (platform/src/host/production-safety.ts). Checked by the
 * entry points, before anything is opened or generated: a launcher fails with the whole list
 * instead of starting subgraph processes that each refuse in turn.
 */
export function refuseUnsafeRouter(config: ServiceConfig, options: { launchesSubgraphs: boolean }): void {
  refuseUnsafeProduction(config, routerRole(readSupergraphConfig(config.supergraphConfig, config.subgraphUrls), DOMAIN_SERVICES, options));
}
