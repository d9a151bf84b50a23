import { randomBytes } from 'node:crypto';
import postgres from 'postgres';

/** The PostgreSQL server tests run against, if any: TEST_DATABASE_URL, else DATABASE_URL. */
export function serverUrl(): string | undefined {
  return process.env.TEST_DATABASE_URL || process.env.DATABASE_URL || undefined;
}

export interface TestDatabase {
  /** URL of a fresh, empty database; undefined means embedded PGlite (in memory). */
  url: string | undefined;
  drop(): Promise<void>;
}

/**
 * A database of its own for one test file: created empty on the server and dropped afterwards,
 * so test files never see each other's rows. Without a server, an in-memory PGlite per use.
 */
export async function createTestDatabase(): Promise<TestDatabase> {
  const server = serverUrl();
  if (!server) return { url: undefined, drop: async () => {} };
  const name = `caregraph_test_${randomBytes(6).toString('hex')}`;
  const admin = postgres(server, { max: 1, onnotice: () => {} });
  try {
    await admin.unsafe(`create database ${name}`);
  } finally {
    await admin.end();
  }
  const url = new URL(server);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    async drop() {
      const sql = postgres(server, { max: 1, onnotice: () => {} });
      try {
        await sql.unsafe(`drop database if exists ${name} with (force)`);
      } finally {
        await sql.end();
      }
    },
  };
}
