import { ConfigError } from '../config.ts';
import { DataDirectoryInUse } from '../db/data-dir-lock.ts';
import { shutdownTelemetry } from '../telemetry/sdk.ts';
import { signalReady } from './ready-signal.ts';

/**
 * The body of every entry point (`pnpm start`, a subgraph's own process, the distributed launcher):
 * start, stop cleanly on SIGINT/SIGTERM (or when the process that started it is gone), and on a
 * configuration error (or an embedded database another process holds) print the list of problems
 * and exit 1 instead of a stack trace.
 */
export async function runMain<T extends { url: string; stop(): Promise<void> }>(start: () => Promise<T>, started: (running: T) => void): Promise<void> {
  try {
    const running = await start();
    started(running);
    // Telemetry last, so the spans of the shutdown itself are flushed too. Once, whatever asks first.
    let stopping: Promise<void> | undefined;
    const shutdown = () => void (stopping ??= running.stop().then(shutdownTelemetry).then(() => process.exit(0)));
    process.once('SIGINT', shutdown);
    process.once('SIGTERM', shutdown);
    signalReady(running.url, shutdown);
  } catch (error) {
    // A refusal the user can act on is said as such, without a stack trace.
    console.error(error instanceof ConfigError || error instanceof DataDirectoryInUse ? error.message : error);
    process.exit(1);
  }
}
