import { createServer, type Socket } from 'node:net';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase, type Database } from '@caregraph/platform';
import { createTestDatabase, type TestDatabase } from '../support/database.ts';
import { timed } from './support/assertions.ts';

/** The database pool's own limits: no statement, connection attempt or queue waits forever. */
describe('database pool limits (PostgreSQL server)', () => {
  let fresh: TestDatabase;
  let database: Database;
  beforeAll(async () => {
    fresh = await createTestDatabase();
    database = await openDatabase({ url: fresh.url, maxConnections: 2, connectTimeoutMs: 500, statementTimeoutMs: 300 });
  });
  afterAll(async () => {
    await database?.close();
    await fresh?.drop();
  });

  it('cancels a statement that runs past statement_timeout', async () => {
    const { answer, ms } = await timed(() => database.db.execute(sql`select pg_sleep(5)`).then(() => null, (error: unknown) => error));
    expect(ms).toBeLessThan(5_000);
    expect(innermost(answer)).toMatchObject({ code: '57014' }); // query_canceled
  });

  it('ends a transaction left idle (idle_in_transaction_session_timeout)', async () => {
    const outcome = await database.db
      .transaction(async (tx) => {
        await tx.execute(sql`select 1`);
        await new Promise((resolve) => setTimeout(resolve, 800));
        await tx.execute(sql`select 1`);
      })
      .then(() => 'committed', (error: unknown) => String((innermost(error) as Error).message));
    expect(outcome).toMatch(/idle-in-transaction|terminat|closed/i);
  });

  it('opens at most maxConnections connections; more statements wait their turn', async () => {
    const pids = await Promise.all(
      Array.from({ length: 6 }, () => database.db.execute(sql`select pg_backend_pid() as pid, pg_sleep(0.05)`).then(rows)),
    );
    expect(new Set(pids.map((r) => r[0]!.pid)).size).toBeLessThanOrEqual(2);
  });

  it('gives up on a server that accepts but never answers within the connect timeout', async () => {
    const sockets: Socket[] = [];
    const silent = createServer((socket) => void sockets.push(socket));
    await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
    const url = `postgres://postgres@127.0.0.1:${(silent.address() as { port: number }).port}/postgres`;
    const stuck = await openDatabase({ url, connectTimeoutMs: 500 });
    try {
      const { answer, ms } = await timed(() => stuck.db.execute(sql`select 1`).then(() => null, (error: unknown) => error));
      expect(answer).toBeInstanceOf(Error);
      expect(ms).toBeLessThan(5_000);
    } finally {
      await stuck.close();
      for (const socket of sockets) socket.destroy();
      silent.close();
    }
  });
});

function rows(result: unknown): { pid: number }[] {
  return (Array.isArray(result) ? result : (result as { rows: { pid: number }[] }).rows) as { pid: number }[];
}

/** drizzle wraps the driver's error; the PostgreSQL error code is on the innermost one. */
function innermost(error: unknown): unknown {
  let current = error;
  while (current instanceof Error && current.cause) current = current.cause;
  return current;
}
