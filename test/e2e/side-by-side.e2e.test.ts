import { resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ConfigError, planDemoData, readServiceConfig, readSupergraphConfig, SMALL_DEMO } from '@caregraph/platform';
import { startDistributed, type DistributedPlatform } from '@caregraph/router/distributed';
import { startPlatform } from '@caregraph/router/platform';
import { createTestDatabase, type TestDatabase } from '../support/database.ts';
import { postGraphQL } from '../support/graphql-client.ts';
import { freePort } from '../support/platform.ts';
import { bearer, TEST_DEV_KEY_FILE, testPlatformEnv, tokenFor } from '../support/tokens.ts';

const ROOT = resolve(import.meta.dirname, '../..');
const COMMITTED = resolve(ROOT, 'supergraph.distributed.yaml');
const organization = planDemoData(SMALL_DEMO).organizations[0]!.id;

/** Where each subgraph of one stack listens: the committed config's ports moved by environment. */
async function urlsOnFreePorts(): Promise<Record<string, string>> {
  const urls: Record<string, string> = {};
  for (const entry of readSupergraphConfig(COMMITTED).subgraphs) urls[`${entry.name.toUpperCase()}_SUBGRAPH_URL`] = `http://127.0.0.1:${await freePort()}/graphql`;
  return urls;
}

/**
 * Two distributed stacks on one host from the one committed supergraph config: ports and URLs come
 * from the environment (`<NAME>_SUBGRAPH_URL`, `PORT`), so they do not collide.
 */
describe('two stacks side by side on one host', () => {
  const stacks: DistributedPlatform[] = [];
  const databases: TestDatabase[] = [];
  beforeAll(async () => {
    for (let i = 0; i < 2; i++) {
      const db = await createTestDatabase();
      databases.push(db);
      stacks.push(await startDistributed(testPlatformEnv(db, { PORT: '0', SUPERGRAPH_CONFIG: COMMITTED, DATABASE_POOL_MAX: '2', ...(await urlsOnFreePorts()) })));
    }
  });
  afterAll(async () => {
    await Promise.all(stacks.map((stack) => stack.stop()));
    await Promise.all(databases.map((db) => db.drop()));
  });

  it('runs both, each answering from its own subgraphs', async () => {
    const auditor = bearer(await tokenFor({ role: 'auditor', sub: 'auditor-side', org: organization, mfa: true }));
    const clinician = bearer(await tokenFor({ role: 'org_admin', sub: 'admin-side', org: organization, mfa: true }));
    for (const stack of stacks) {
      const response = await postGraphQL(stack.url, '{ patients(first: 1) { edges { node { id } } } }', {}, clinician);
      expect(response.status).toBe(200);
      expect(response.errors).toBeUndefined();
      const trail = await postGraphQL(stack.url, '{ auditEvents(first: 1) { edges { node { id } } } }', {}, auditor);
      expect(trail.errors).toBeUndefined();
    }
    expect(new Set(stacks.map((stack) => stack.url)).size).toBe(2);
  });
});

describe('the modular monolith and per-domain databases', () => {
  it('refuses a domain database that differs from DATABASE_URL, naming it (one process runs on one database)', async () => {
    const config = readServiceConfig(
      {
        PORT: '0',
        SUPERGRAPH_CONFIG: resolve(ROOT, 'supergraph.yaml'),
        AUTH_DEV_KEY_FILE: TEST_DEV_KEY_FILE,
        DATABASE_URL: 'postgres://127.0.0.1:1/shared',
        OBSERVATIONS_DATABASE_URL: 'postgres://127.0.0.1:1/observations',
      },
      { port: 0 },
    );
    const started = startPlatform(config);
    await expect(started).rejects.toBeInstanceOf(ConfigError);
    await expect(started).rejects.toThrow(/OBSERVATIONS_DATABASE_URL differs from DATABASE_URL/);
  });
});
