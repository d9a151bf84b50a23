import { mkdirSync } from 'node:fs';
import type { PgDatabase, PgQueryResultHKT } from 'drizzle-orm/pg-core';
import type { Logger } from 'drizzle-orm/logger';
import { sql } from 'drizzle-orm';

/** The drizzle handle every domain uses; the same type whether PostgreSQL or PGlite is underneath. */
export type Db = PgDatabase<PgQueryResultHKT>;

export interface Database {
  readonly db: Db;
  readonly kind: 'postgres' | 'pglite';
  /** The server URL (postgres only), for work that needs a connection of its own. */
  readonly url?: string;
  /** Statements issued through drizzle since start; tests use it to prove there is no N+1. */
  readonly statements: StatementCounter;
  /** Resolves when the database answers a trivial query (readiness probes). */
  ping(): Promise<void>;
  close(): Promise<void>;
}

export class StatementCounter implements Logger {
  count = 0;
  logQuery(query: string): void {
    this.count += 1;
    if (process.env.DEBUG_SQL) process.stderr.write(`[sql ${this.count}] ${query.slice(0, 160).replace(/\s+/g, ' ')}\n`);
  }
}

export interface DatabaseOptions {
  /** postgres:// URL of a PostgreSQL server. Without it, an embedded PGlite is used. */
  url?: string | undefined;
  /** PGlite data directory; omit for an in-memory database. Ignored when `url` is set. */
  dataDir?: string | undefined;
  /** Largest number of pooled connections to PostgreSQL. Default 10. */
  maxConnections?: number;
}

export async function openDatabase(options: DatabaseOptions): Promise<Database> {
  return options.url ? openPostgres(options.url, options.maxConnections ?? 10) : openPglite(options.dataDir);
}

async function openPostgres(url: string, max: number): Promise<Database> {
  const { default: postgres } = await import('postgres');
  const { drizzle } = await import('drizzle-orm/postgres-js');
  const client = postgres(url, {
    max,
    connect_timeout: 10,
    onnotice: () => {},
  });
  const statements = new StatementCounter();
  const db = drizzle(client, { logger: statements }) as unknown as Db;
  return { db, kind: 'postgres', url, statements, ping: () => ping(db), close: () => client.end({ timeout: 5 }) };
}

async function openPglite(dataDir: string | undefined): Promise<Database> {
  const { PGlite } = await import('@electric-sql/pglite');
  const { drizzle } = await import('drizzle-orm/pglite');
  if (dataDir) mkdirSync(dataDir, { recursive: true });
  const client = dataDir ? new PGlite(dataDir) : new PGlite();
  await client.waitReady;
  const statements = new StatementCounter();
  const db = drizzle(client, { logger: statements }) as unknown as Db;
  return { db, kind: 'pglite', statements, ping: () => ping(db), close: () => client.close() };
}

async function ping(db: Db): Promise<void> {
  await db.execute(sql`select 1`);
}
