import type { AddressInfo } from 'node:net';
import { listen, readServiceConfig, type HttpService, type ServiceConfig } from '@caregraph/platform';
import { buildDashboardIfNeeded } from '@caregraph/router/dashboard/build-on-start';
import { dashboardPages } from '@caregraph/router/dashboard/pages';
import { TEST_DEV_KEY_FILE } from '../support/tokens.ts';

/** The router's pages (dashboard, development sign-in) on a real HTTP server, with no API behind `/graphql`: what these tests ask does not need one. */
export async function servePages(env: NodeJS.ProcessEnv = {}): Promise<{ config: ServiceConfig; http: HttpService; origin: string }> {
  const config = readServiceConfig({ AUTH_DEV_KEY_FILE: TEST_DEV_KEY_FILE, ...env }, { port: 0 });
  await buildDashboardIfNeeded(config.dashboard, { production: false });
  const http = await listen({
    port: 0,
    graphql: (_req, res) => void res.writeHead(418).end(),
    pages: dashboardPages(config),
  });
  return { config, http, origin: `http://127.0.0.1:${(http.server.address() as AddressInfo).port}` };
}
