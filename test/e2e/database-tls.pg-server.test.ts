import { connect } from 'node:net';
import { generate } from 'selfsigned';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase, readServiceConfig } from '@caregraph/platform';
import { startPlatform, type RunningPlatform } from '@caregraph/router/platform';
import { resolve } from 'node:path';
import { createTestDatabase, serverUrl, type TestDatabase } from '../support/database.ts';
import { postGraphQL } from '../support/graphql-client.ts';
import { startTlsPostgresProxy, type TlsPostgresProxy } from '../support/tls-postgres-proxy.ts';
import { bearer, TEST_DEV_KEY_FILE, TEST_KEYS_FILE, TEST_ROUTER_SECRET_FILE, tokenFor } from '../support/tokens.ts';

const ROOT = resolve(import.meta.dirname, '../..');

/**
 * In transit to the database: a DATABASE_URL with `sslmode=require` reaches PostgreSQL over TLS
 * and nothing else. Needs a PostgreSQL server (the PostgreSQL pass of CI; see vitest.config.ts):
 * the server is put behind an endpoint that accepts TLS only.
 */
describe('DATABASE_URL with sslmode=require', () => {
  let database: TestDatabase;
  let proxy: TlsPostgresProxy;
  let tlsUrl: string;

  beforeAll(async () => {
    database = await createTestDatabase();
    const server = new URL(serverUrl()!);
    const pems = await generate([{ name: 'commonName', value: 'localhost' }], { keyType: 'ec', notAfterDate: new Date(Date.now() + 86_400_000) });
    proxy = await startTlsPostgresProxy({ host: server.hostname, port: Number(server.port || 5432) }, { cert: pems.cert, key: pems.private });
    const url = new URL(database.url!);
    url.host = `127.0.0.1:${proxy.port}`;
    url.searchParams.set('sslmode', 'require');
    tlsUrl = url.toString();
  });
  afterAll(async () => {
    await proxy?.close();
    await database?.drop();
  });

  it('connects over TLS', async () => {
    const db = await openDatabase({ url: tlsUrl, maxConnections: 1 });
    try {
      await db.ping();
    } finally {
      await db.close();
    }
    expect(proxy.counts.tls).toBeGreaterThan(0);
    expect(proxy.counts.plain).toBe(0);
  });

  it('is refused by the TLS-only endpoint in plain text (so the counts above are real)', async () => {
    const before = proxy.counts.plain;
    // A protocol 3.0 StartupMessage for user postgres, without asking for TLS first.
    const params = Buffer.from('user\0postgres\0\0', 'latin1');
    const startup = Buffer.alloc(8 + params.length);
    startup.writeInt32BE(startup.length, 0);
    startup.writeInt32BE(196_608, 4);
    params.copy(startup, 8);
    const socket = connect(proxy.port, '127.0.0.1');
    socket.write(startup);
    const received: Buffer[] = [];
    socket.on('data', (chunk: Buffer) => received.push(chunk));
    await new Promise((done) => socket.once('close', done));
    expect(Buffer.concat(received).length).toBe(0);
    expect(proxy.counts.plain).toBe(before + 1);
  });

  it('runs the whole platform (migrations, demo data, PHI reads, audit) over it', async () => {
    const before = { ...proxy.counts };
    let platform: RunningPlatform | undefined;
    try {
      platform = await startPlatform(
        readServiceConfig(
          {
            PORT: '0',
            DATABASE_URL: tlsUrl,
            DEMO_DATA: 'true',
            DATABASE_POOL_MAX: '2',
            SUPERGRAPH_CONFIG: resolve(ROOT, 'supergraph.yaml'),
            AUTH_DEV_KEY_FILE: TEST_DEV_KEY_FILE,
            ROUTER_SECRET_FILE: TEST_ROUTER_SECRET_FILE,
            KEYS_FILE: TEST_KEYS_FILE,
          },
          { port: 0 },
        ),
      );
      const patient = platform.seeded!.patients[0]!;
      const admin = bearer(await tokenFor({ role: 'org_admin', sub: 'admin-1', org: patient.organizationId, mfa: true }));
      const response = await postGraphQL(platform.url, 'query ($p: ID!) { patient(id: $p) { mrn latestVitals { code } } }', { p: patient.id }, admin);
      expect(response.errors).toBeUndefined();
      expect(response.data?.patient.mrn).toBe(patient.mrn);
    } finally {
      await platform?.stop();
    }
    expect(proxy.counts.tls).toBeGreaterThan(before.tls);
    expect(proxy.counts.plain).toBe(before.plain);
  });
});
