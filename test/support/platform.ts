import type { ChildProcess } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { stringify } from 'yaml';
import { planDemoData, readServiceConfig, readSupergraphConfig, SMALL_DEMO, type Database, type DemoPlan } from '@caregraph/platform';
import { composeSupergraph } from '@caregraph/router/compose/compose';
import { startDistributed, type DistributedPlatform } from '@caregraph/router/distributed';
import { startPlatform } from '@caregraph/router/platform';
import { auditTrailReader, type AuditTrailReader } from './audit-trail.ts';
import { createTestDatabase } from './database.ts';
import { postGraphQL, type GraphQLResponse } from './graphql-client.ts';
import { bearer, TEST_DEV_KEY_FILE, TEST_KEYS_FILE, TEST_ROUTER_SECRET_FILE, tokenFor } from './tokens.ts';
import type { DevTokenOptions } from '@caregraph/platform';

export type Mode = 'in-process' | 'distributed';
export type GraphQLClient = <T = Record<string, any>>(query: string, variables?: Record<string, unknown>) => Promise<GraphQLResponse<T>>;
export const MODES: Mode[] = ['in-process', 'distributed'];

const ROOT = resolve(import.meta.dirname, '../..');
/** The domains, each a subgraph with a database of its own in distributed mode. */
const DOMAINS = ['patients', 'devices', 'observations', 'audit'] as const;

export interface TestPlatform {
  mode: Mode;
  url: string;
  /** The demo data the platform seeded: same seed, so the same ids in every process. */
  plan: DemoPlan;
  /** In-process mode only: the shared database, for statement counts. */
  database: Database | null;
  /** The stored audit trail; null where the test cannot reach it (distributed mode on PGlite). */
  auditTrail: AuditTrailReader | null;
  /** Distributed mode only: ends one subgraph's process (fault injection). */
  kill?(subgraph: string): Promise<void>;
  /** Distributed mode only: the supergraph config the subgraphs run at (their URLs). */
  supergraphConfig?: string;
  /** Sends an operation as whoever the headers say (none: anonymous). */
  query<T = Record<string, any>>(
    query: string,
    variables?: Record<string, unknown>,
    headers?: Record<string, string>,
  ): Promise<GraphQLResponse<T>>;
  /** A client signed in with a development token for these claims. */
  as(claims: DevTokenOptions): Promise<GraphQLClient>;
  /** The demo organization's administrator (with MFA): sees everything in organization 1. */
  admin: GraphQLClient;
  stop(): Promise<void>;
}

/** Starts the whole platform, seeded with the small demo set, on a fresh database. */
export async function startTestPlatform(mode: Mode, options: { demoData?: boolean; env?: NodeJS.ProcessEnv } = {}): Promise<TestPlatform> {
  const db = await createTestDatabase();
  // Distributed on a server: each domain on a database of its own, as a production deployment
  // would run them (`<NAME>_DATABASE_URL`); the audit domain reads every domain's trail.
  const domainDatabases = mode === 'distributed' && db.url ? await Promise.all(DOMAINS.map(async (name) => [name, await createTestDatabase()] as const)) : [];
  const dropAll = async () => {
    await db.drop();
    await Promise.all(domainDatabases.map(([, database]) => database.drop()));
  };
  const env = {
    ...process.env,
    PORT: '0',
    DEMO_DATA: String(options.demoData ?? true),
    PGLITE_DATA_DIR: 'memory',
    DATABASE_POOL_MAX: '4',
    AUTH_DEV_KEY_FILE: TEST_DEV_KEY_FILE,
    ROUTER_SECRET_FILE: TEST_ROUTER_SECRET_FILE,
    KEYS_FILE: TEST_KEYS_FILE,
    ...(db.url ? { DATABASE_URL: db.url } : {}),
    ...Object.fromEntries(domainDatabases.map(([name, database]) => [`${name.toUpperCase()}_DATABASE_URL`, database.url!])),
    ...options.env,
  };
  if (!db.url) delete env.DATABASE_URL;
  try {
    const supergraphConfig = mode === 'in-process' ? resolve(ROOT, 'supergraph.yaml') : await distributedConfigOnFreePorts();
    const platform =
      mode === 'in-process'
        ? await startPlatform(readConfig({ ...env, SUPERGRAPH_CONFIG: supergraphConfig }))
        : await startDistributed({ ...env, SUPERGRAPH_CONFIG: supergraphConfig });
    const processes = 'processes' in platform ? (platform as DistributedPlatform).processes : null;
    const plan = planDemoData(SMALL_DEMO);
    const as = async (claims: DevTokenOptions): Promise<GraphQLClient> => {
      const headers = bearer(await tokenFor(claims));
      return (query, variables) => postGraphQL(platform.url, query, variables, headers);
    };
    const organization = plan.organizations[0]!;
    const auditTrail = auditTrailReader(platform.database, domainDatabases.length > 0 ? domainDatabases.map(([, database]) => database.url!) : db.url ? [db.url] : []);
    return {
      as,
      admin: await as({ role: 'org_admin', sub: 'admin-1', org: organization.id, mfa: true }),
      mode,
      ...(processes ? { kill: (name: string) => killProcess(processes.get(name)), supergraphConfig } : {}),
      url: platform.url,
      plan,
      database: platform.database,
      auditTrail,
      query: (query, variables, headers) => postGraphQL(platform.url, query, variables, headers),
      async stop() {
        await auditTrail?.close();
        await platform.stop();
        await dropAll();
      },
    };
  } catch (error) {
    await dropAll();
    throw error;
  }
}

function readConfig(env: NodeJS.ProcessEnv) {
  return readServiceConfig(env, { port: 0 });
}

/**
 * supergraph.distributed.yaml with free ports, composed into a temporary directory, so tests never
 * collide with a platform a developer is running on 4000-4003.
 */
export async function distributedConfigOnFreePorts(scheme: 'http' | 'https' = 'http'): Promise<string> {
  const committed = readSupergraphConfig(resolve(ROOT, 'supergraph.distributed.yaml'));
  const dir = mkdtempSync(join(tmpdir(), 'caregraph-supergraph-'));
  const subgraphs: Record<string, unknown> = {};
  for (const entry of committed.subgraphs) {
    subgraphs[entry.name] = { routing_url: `${scheme}://127.0.0.1:${await freePort()}/graphql`, schema: { file: entry.schemaFile } };
  }
  const path = join(dir, 'supergraph.yaml');
  writeFileSync(path, stringify({ federation_version: committed.federationVersion, subgraphs }));
  const outcome = composeSupergraph(readSupergraphConfig(path));
  if (!outcome.supergraphSdl) throw new Error(`composition failed: ${outcome.errors.join('; ')}`);
  writeFileSync(join(dir, 'supergraph.graphql'), outcome.supergraphSdl);
  return path;
}

/**
 * Ports for the servers a test starts. Not the kernel's `listen(0)` choice: that comes from the
 * ephemeral range, which every outgoing connection on the machine draws from too, so between
 * choosing a port and the process binding it (a minute on a loaded PGlite start) somebody else
 * could take it. Each vitest worker gets its own block below the ephemeral range instead, and
 * a port is only handed out if it can be bound now.
 */
const PORT_BLOCK_BASE = 20_000;
const PORT_BLOCK_SIZE = 500;
const workerBlock = PORT_BLOCK_BASE + Number(process.env.VITEST_POOL_ID ?? 0) * PORT_BLOCK_SIZE;
// A random start, so a worker that follows another in the same block does not retry its ports first.
let nextPortOffset = Math.floor(Math.random() * PORT_BLOCK_SIZE);

export async function freePort(): Promise<number> {
  for (let attempt = 0; attempt < PORT_BLOCK_SIZE; attempt++) {
    const port = workerBlock + (nextPortOffset++ % PORT_BLOCK_SIZE);
    if (await canBind(port)) return port;
  }
  throw new Error(`no free port in ${workerBlock}-${workerBlock + PORT_BLOCK_SIZE - 1}`);
}

function canBind(port: number): Promise<boolean> {
  return new Promise((done) => {
    const server = createServer();
    server.once('error', () => done(false));
    server.listen(port, '127.0.0.1', () => server.close(() => done(true)));
  });
}

function killProcess(child: ChildProcess | undefined): Promise<void> {
  if (!child || child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((done) => {
    child.once('exit', () => done());
    child.kill('SIGKILL');
  });
}
