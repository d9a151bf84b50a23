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
  if (database.kind === 'postgres' && database.url) {
    await migrateUnderLock(database.url, config);
  } else {
    const { migrate } = await import('drizzle-orm/pglite/migrator');
    await migrate(database.db as never, config);
  }
}

/** Any constant: all caregraph processes serialize their migrations on it. */
const MIGRATION_LOCK = 4_242_020_261;

/**
 * Several processes may start at once against one server (distributed mode, replicas): each takes
 * an advisory lock on a connection of its own, so migrations (and drizzle's own `CREATE SCHEMA
 * drizzle`) never race.
 */
async function migrateUnderLock(url: string, config: { migrationsFolder: string; migrationsSchema: string; migrationsTable: string }) {
  const { default: postgres } = await import('postgres');
  const { drizzle } = await import('drizzle-orm/postgres-js');
  const { migrate } = await import('drizzle-orm/postgres-js/migrator');
  const client = postgres(url, { max: 1, onnotice: () => {} });
  try {
    await client`select pg_advisory_lock(${MIGRATION_LOCK})`;
    await migrate(drizzle(client), config);
  } finally {
    await client.end({ timeout: 5 });
  }
}
