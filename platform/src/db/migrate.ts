import type { Database } from './database.ts';

export interface MigrationSet {
  /** The PostgreSQL schema the domain owns (its first migration creates it). */
  schema: string;
  /** Folder of drizzle-kit generated SQL migrations. */
  folder: string;
}

/** Applies a domain's committed drizzle-kit migrations; already applied ones are skipped. */
export async function applyMigrations(database: Database, set: MigrationSet): Promise<void> {
  // The journal cannot live in the domain's own schema: drizzle creates the journal's schema before
  // the first migration, whose generated `CREATE SCHEMA` would then fail. One journal per domain.
  const config = { migrationsFolder: set.folder, migrationsSchema: 'drizzle', migrationsTable: `${set.schema}_migrations` };
  if (database.kind === 'postgres') {
    const { migrate } = await import('drizzle-orm/postgres-js/migrator');
    await migrate(database.db as never, config);
  } else {
    const { migrate } = await import('drizzle-orm/pglite/migrator');
    await migrate(database.db as never, config);
  }
}
