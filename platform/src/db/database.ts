import { mkdirSync } from 'node:fs';
import type { PgDatabase, PgQueryResultHKT } from 'drizzle-orm/pg-core';
import type { Logger } from 'drizzle-orm/logger';
import { sql } from 'drizzle-orm';
import { statementSpans } from '../telemetry/sql-spans.ts';
import { lockDataDirectory } from './data-dir-lock.ts';
import { preparedStatements } from './prepared-statements.ts';
import { chainHooks, hookStatements, PGLITE, POSTGRES_JS } from './statement-hook.ts';

/** The drizzle handle every domain uses; the same type whether PostgreSQL or PGlite is underneath. */
export type Db = PgDatabase<PgQueryResultHKT>;

export interface Database {
  readonly db: Db;
  readonly kind: 'postgres' | 'pglite';
  /** The server URL (postgres only), for work that needs a connection of its own. */
  readonly url?: string;
  /** Statements issued through drizzle since start; tests use it to prove there is no N+1. */
  readonly statements: StatementCounter;
  /** Resolves when the database answers a trivial query within `timeoutMs` (readiness probes). */
  ping(timeoutMs?: number): Promise<void>;
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
  /** How long opening a PostgreSQL connection may take, in ms. Default 5000. */
  connectTimeoutMs?: number;
  /**
   * PostgreSQL's `statement_timeout` and `idle_in_transaction_session_timeout`, in ms: the server
   * ends a statement (or a transaction left open) that takes longer, so no request waits on the
   * database forever. Default none (scripts such as the seed run long statements); services pass
   * `DATABASE_STATEMENT_TIMEOUT_MS`. PGlite runs in this process and has no such timer.
   */
  statementTimeoutMs?: number;
  /**
   * Prepare each statement once per connection (postgres.js), instead of having PostgreSQL parse
   * and plan it on every run. Default true; off for transaction-mode poolers that cannot keep
   * prepared statements (see `preparedStatements`).
   */
  prepareStatements?: boolean;
}

export async function openDatabase(options: DatabaseOptions): Promise<Database> {
  return options.url ? openPostgres(options.url, options) : openPglite(options.dataDir);
}

async function openPostgres(url: string, options: DatabaseOptions): Promise<Database> {
  const { default: postgres } = await import('postgres');
  const { drizzle } = await import('drizzle-orm/postgres-js');
  const timeout = options.statementTimeoutMs;
  const statementTimeout = timeout ? { statement_timeout: timeout, idle_in_transaction_session_timeout: timeout } : {};
  const client = postgres(url, {
    // Bounded: when every connection is busy, further statements queue for the next free one.
    max: options.maxConnections ?? 10,
    connect_timeout: (options.connectTimeoutMs ?? 5_000) / 1000,
    // Sent at connection start-up, so they hold for every statement on every pooled connection.
    connection: statementTimeout,
    onnotice: () => {},
  });
  const statements = new StatementCounter();
  const spans = statementSpans('postgresql');
  const hook = options.prepareStatements === false ? spans : chainHooks(preparedStatements, spans);
  const db = drizzle(hookStatements(client, POSTGRES_JS, hook), { logger: statements }) as unknown as Db;
  return { db, kind: 'postgres', url, statements, ping: (timeoutMs) => ping(db, timeoutMs), close: () => client.end({ timeout: 5 }) };
}

async function openPglite(dataDir: string | undefined): Promise<Database> {
  const { PGlite } = await import('@electric-sql/pglite');
  const { drizzle } = await import('drizzle-orm/pglite');
  if (dataDir) mkdirSync(dataDir, { recursive: true });
  // One process per data directory (see data-dir-lock.ts): refused here, before PGlite touches a file.
  const lock = dataDir ? lockDataDirectory(dataDir) : null;
  let client: InstanceType<typeof PGlite>;
  try {
    client = dataDir ? new PGlite(dataDir) : new PGlite();
    await client.waitReady;
  } catch (error) {
    lock?.release();
    throw error;
  }
  const statements = new StatementCounter();
  const db = drizzle(hookStatements(client, PGLITE, statementSpans('pglite')), { logger: statements }) as unknown as Db;
  const close = async () => {
    try {
      await client.close();
    } finally {
      lock?.release();
    }
  };
  return { db, kind: 'pglite', statements, ping: (timeoutMs) => ping(db, timeoutMs), close };
}

/** Default time a readiness probe waits for the database. */
export const PING_TIMEOUT_MS = 2_000;

async function ping(db: Db, timeoutMs = PING_TIMEOUT_MS): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`the database did not answer within ${timeoutMs} ms`)), timeoutMs);
  });
  try {
    await Promise.race([db.execute(sql`select 1`), timeout]);
  } finally {
    clearTimeout(timer);
  }
}
