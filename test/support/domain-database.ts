import { applyMigrations, openDatabase, type Database, type MigrationSet } from '@caregraph/platform';
import { createTestDatabase } from './database.ts';

/** A fresh database with the given domains migrated, for repository-level integration tests. */
export async function migratedDatabase(...sets: MigrationSet[]): Promise<Database & { dispose(): Promise<void> }> {
  const fresh = await createTestDatabase();
  const database = await openDatabase({ url: fresh.url, maxConnections: 8 });
  for (const set of sets) await applyMigrations(database, set);
  return Object.assign(database, {
    async dispose() {
      await database.close();
      await fresh.drop();
    },
  });
}
