import { ConfigError } from '../config.ts';

/**
 * The body of every entry point (`pnpm start`, a subgraph's own process, the distributed launcher):
 * start, stop cleanly on SIGINT/SIGTERM, and on a configuration error print the list of problems
 * and exit 1 instead of a stack trace.
 */
export async function runMain<T extends { stop(): Promise<void> }>(start: () => Promise<T>, started: (running: T) => void): Promise<void> {
  try {
    const running = await start();
    started(running);
    const shutdown = () => void running.stop().then(() => process.exit(0));
    process.once('SIGINT', shutdown);
    process.once('SIGTERM', shutdown);
  } catch (error) {
    console.error(error instanceof ConfigError ? error.message : error);
    process.exit(1);
  }
}
