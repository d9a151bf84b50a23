// `pnpm start`: the router, plus every subgraph the supergraph config runs in-process.
import { ConfigError, readServiceConfig } from '@caregraph/platform';
import { startPlatform } from './platform.ts';
import { printWelcome } from './welcome.ts';

try {
  const config = readServiceConfig(process.env, { port: 4000 });
  const platform = await startPlatform(config);
  printWelcome(platform, config);
  const shutdown = () => void platform.stop().then(() => process.exit(0));
  process.once('SIGINT', shutdown);
  process.once('SIGTERM', shutdown);
} catch (error) {
  console.error(error instanceof ConfigError ? error.message : error);
  process.exit(1);
}
