// `pnpm start`: the router, plus every subgraph the supergraph config runs in-process.
import '@caregraph/platform/telemetry/register';
import { readServiceConfig, runMain } from '@caregraph/platform';
import { startPlatform } from './platform.ts';
import { refuseUnsafeRouter } from './production-check.ts';
import { printWelcome } from './welcome.ts';

const config = () => readServiceConfig(process.env, { port: 4000 });
await runMain(
  async () => {
    const settings = config();
    refuseUnsafeRouter(settings, { launchesSubgraphs: false });
    return startPlatform(settings);
  },
  (platform) => printWelcome(platform, config()),
);
