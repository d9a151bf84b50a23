import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase, type Database } from '../src/db/database.ts';
import { createTestDatabase, type TestDatabase } from '../../test/support/database.ts';

function rowsOf(result: unknown): Record<string, unknown>[] {
  return Array.isArray(result) ? result : (result as { rows: Record<string, unknown>[] }).rows;
}

/** One connection, so the statement and the look at `pg_prepared_statements` share a session. */
async function preparedAfterOneQuery(database: Database): Promise<string[]> {
  await database.db.execute(sql`select ${'marker'}::text as probe_prepared_statement`);
  const prepared = rowsOf(await database.db.execute(sql`select statement from pg_prepared_statements`));
  return prepared.map((row) => String(row.statement)).filter((text) => text.includes('probe_prepared_statement'));
}

describe('prepared statements (PostgreSQL server)', () => {
  let fresh: TestDatabase;
  beforeAll(async () => {
    fresh = await createTestDatabase();
  });
  afterAll(async () => {
    await fresh?.drop();
  });

  it('prepares a statement with parameters once per connection by default', async () => {
    const database = await openDatabase({ url: fresh.url, maxConnections: 1 });
    try {
      expect(await preparedAfterOneQuery(database)).toHaveLength(1);
      expect(await preparedAfterOneQuery(database)).toHaveLength(1); // reused, not prepared again
    } finally {
      await database.close();
    }
  });

  it('prepares nothing with DATABASE_PREPARE=false (for transaction-mode poolers)', async () => {
    const database = await openDatabase({ url: fresh.url, maxConnections: 1, prepareStatements: false });
    try {
      expect(await preparedAfterOneQuery(database)).toEqual([]);
    } finally {
      await database.close();
    }
  });
});
