import type { ServiceConfig } from '../config.ts';
import { DataDirectoryInUse } from '../db/data-dir-lock.ts';
import { openDatabase, type Database } from '../db/database.ts';

/**
 * The database of a command (`pnpm seed`, `pnpm db:migrate`, `pnpm audit:verify`,
 * `pnpm keys:rotate`): the configured server, or the embedded one if no process holds it. When
 * the running platform holds the embedded database, the command says so and exits 1 instead of
 * opening it beside the server.
 */
export async function openCommandDatabase(config: Pick<ServiceConfig, 'databaseUrl' | 'pgliteDir'>): Promise<Database> {
  try {
    return await openDatabase({ url: config.databaseUrl, dataDir: config.pgliteDir });
  } catch (error) {
    if (!(error instanceof DataDirectoryInUse)) throw error;
    console.error(error.message);
    process.exit(1);
  }
}
