import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readServiceConfig } from '@caregraph/platform';
import { startPlatform } from '@caregraph/router/platform';
import { createTestDatabase, type TestDatabase } from './support/database.ts';
import { postGraphQL } from './support/graphql-client.ts';
import { bearer, TEST_DEV_KEY_FILE, tokenFor } from './support/tokens.ts';

const ROOT = resolve(import.meta.dirname, '..');

/** What `pnpm start` does to a database: migrate, seed once, and leave existing data alone. */
describe('start-up on an empty, then a populated database', () => {
  let db: TestDatabase;
  let dataDir: string;
  beforeAll(async () => {
    db = await createTestDatabase();
    dataDir = mkdtempSync(join(tmpdir(), 'caregraph-pglite-'));
  });
  afterAll(async () => {
    await db?.drop();
    rmSync(dataDir, { recursive: true, force: true });
  });

  const config = () =>
    readServiceConfig(
      {
        PORT: '0',
        DEMO_DATA: 'true',
        SUPERGRAPH_CONFIG: resolve(ROOT, 'supergraph.yaml'),
        AUTH_DEV_KEY_FILE: TEST_DEV_KEY_FILE,
        ...(db.url ? { DATABASE_URL: db.url } : { PGLITE_DATA_DIR: dataDir }),
      },
      { port: 0 },
    );

  it('applies every domain migration, seeds once, and keeps data across restarts', async () => {
    const first = await startPlatform(config());
    try {
      expect(first.seeded?.patients.length).toBeGreaterThan(0);
      const journals = await first.database!.db.execute(
        sql`select (select count(*) from drizzle.patients_migrations)::int as patients,
                   (select count(*) from drizzle.devices_migrations)::int as devices,
                   (select count(*) from drizzle.observations_migrations)::int as observations`,
      );
      const [row] = (Array.isArray(journals) ? journals : (journals as { rows: unknown[] }).rows) as Record<string, number>[];
      const committed = (domain: string) =>
        (JSON.parse(readFileSync(resolve(ROOT, `subgraphs/${domain}/drizzle/meta/_journal.json`), 'utf8')) as { entries: unknown[] }).entries.length;
      expect(row).toEqual({ patients: committed('patients'), devices: committed('devices'), observations: committed('observations') });
    } finally {
      await first.stop();
    }

    const second = await startPlatform(config());
    try {
      expect(second.seeded).toBeNull();
      const token = await tokenFor({ role: 'analyst', sub: 'analyst-1' });
      const { data } = await postGraphQL<{ patients: { edges: unknown[] } }>(
        second.url,
        '{ patients(first: 100) { edges { node { id } } } }',
        undefined,
        bearer(token),
      );
      expect(data!.patients.edges).toHaveLength(first.seeded!.patients.length);
    } finally {
      await second.stop();
    }
  }, 120_000); // two start-ups of the whole platform on an embedded database on disk
});
