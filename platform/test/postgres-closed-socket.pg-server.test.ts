import postgres from 'postgres';
import { afterAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../../test/support/database.ts';

/**
 * postgres.js 3.4.9 writes to a connection's socket after it closed (porsager/postgres#1154,
 * #1208) and throws where no caller can catch it: the process ended (seen in CI under load: a
 * subgraph died mid-test). caregraph patches the driver (patches/postgres@3.4.9.patch) to fail the
 * waiting queries with CONNECTION_CLOSED instead. A reserved connection whose backend is
 * terminated takes that path every time.
 */
describe('a query on a connection whose backend went away (PostgreSQL)', () => {
  let database: TestDatabase;
  const uncaught: unknown[] = [];
  const onUncaught = (error: unknown) => uncaught.push(error);
  afterAll(async () => {
    process.off('uncaughtException', onUncaught);
    await database?.drop();
  });

  it('is rejected with CONNECTION_CLOSED, and nothing escapes to the process', async () => {
    database = await createTestDatabase();
    process.on('uncaughtException', onUncaught);
    const sql = postgres(database.url!, { max: 2, onnotice: () => {} });
    const admin = postgres(database.url!, { max: 1, onnotice: () => {} });
    try {
      const reserved = await sql.reserve();
      const [backend] = await reserved<{ pid: number }[]>`select pg_backend_pid() as pid`;
      await admin`select pg_terminate_backend(${backend!.pid})`;
      await new Promise((resolve) => setTimeout(resolve, 200));
      for (let attempt = 0; attempt < 3; attempt++) {
        await expect(reserved`select 1`).rejects.toMatchObject({ code: 'CONNECTION_CLOSED' });
      }
      await new Promise((resolve) => setImmediate(resolve));
      expect(uncaught).toEqual([]);
      reserved.release();
    } finally {
      await Promise.all([sql.end({ timeout: 1 }), admin.end({ timeout: 1 })]);
    }
  });
});
