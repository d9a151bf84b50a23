// `pnpm start:distributed`: each subgraph in its own process at the URLs of
// supergraph.distributed.yaml (ports 4001-4004), the router on PORT (4000) reaching them over HTTP.
import '@caregraph/platform/telemetry/register';
import { readServiceConfig, runMain } from '@caregraph/platform';
import { startDistributed } from '@caregraph/router/distributed';
import { refuseUnsafeRouter } from '@caregraph/router/production-check';
import { printWelcome } from '@caregraph/router/welcome';

const env = { ...process.env, SUPERGRAPH_CONFIG: process.env.SUPERGRAPH_CONFIG ?? 'supergraph.distributed.yaml' };
await runMain(
  () => {
    refuseUnsafeRouter(readServiceConfig(env, { port: 4000 }), { launchesSubgraphs: true });
    return startDistributed(env);
  },
  (platform) => printWelcome(platform, readServiceConfig(env, { port: 4000 })),
);
