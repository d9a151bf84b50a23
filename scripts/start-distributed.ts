// `pnpm start:distributed`: each subgraph in its own process at the URLs of
// supergraph.distributed.yaml (ports 4001-4003), the router on PORT (4000) reaching them over HTTP.
import { ConfigError } from '@caregraph/platform';
import { startDistributed } from '@caregraph/router/distributed';
import { printWelcome } from '@caregraph/router/welcome';
import { readServiceConfig } from '@caregraph/platform';

const env = { ...process.env, SUPERGRAPH_CONFIG: process.env.SUPERGRAPH_CONFIG ?? 'supergraph.distributed.yaml' };
try {
  const platform = await startDistributed(env);
  printWelcome(platform, readServiceConfig(env, { port: 4000 }));
  const shutdown = () => void platform.stop().then(() => process.exit(0));
  process.once('SIGINT', shutdown);
  process.once('SIGTERM', shutdown);
} catch (error) {
  console.error(error instanceof ConfigError ? error.message : error);
  process.exit(1);
}
