import type { ChildProcess } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { stringify } from 'yaml';
import { planDemoData, readServiceConfig, readSupergraphConfig, SMALL_DEMO, type DemoPlan, type DevTokenOptions } from '@caregraph/platform';
import { composeSupergraph } from '@caregraph/router/compose/compose';
import { startPlatform, type RunningPlatform } from '@caregraph/router/platform';
import { startSubgraphProcess, stopProcess } from '@caregraph/router/subgraph-process';
import { createTestDatabase } from '../../support/database.ts';
import { postGraphQL } from '../../support/graphql-client.ts';
import { freePort, type GraphQLClient } from '../../support/platform.ts';
import { bearer, testPlatformEnv, tokenFor } from '../../support/tokens.ts';
import { startFaultyUpstream, type FaultyUpstream } from './faulty-upstream.ts';

const ROOT = resolve(import.meta.dirname, '../../..');

/** Short limits, so a fault shows within a second and the suite stays fast. */
export const FAST_FAILING_ENV = {
  ROUTER_REQUEST_TIMEOUT_MS: '4000',
  SUBGRAPH_TIMEOUT_MS: '1500',
  SUBGRAPH_RETRY_BASE_DELAY_MS: '10',
  SUBGRAPH_RETRY_MAX_DELAY_MS: '50',
  SUBGRAPH_BREAKER_MIN_CALLS: '3',
  SUBGRAPH_BREAKER_RESET_MS: '800',
  PEER_TIMEOUT_MS: '1500',
  DATABASE_CONNECT_TIMEOUT_MS: '1000',
  DATABASE_STATEMENT_TIMEOUT_MS: '1000',
} as const;

export interface Probe {
  status: number;
  body: { status: string; checks: Record<string, any> };
}

export interface FaultPlatform {
  url: string;
  plan: DemoPlan;
  /** The demo organization's administrator (with MFA). */
  admin: GraphQLClient;
  as(claims: DevTokenOptions): Promise<GraphQLClient>;
  /** The router's settings as the test configured them (ms). */
  requestTimeoutMs: number;
  /** The stand-in in front of a subgraph named in `behindUpstream`. */
  upstream(subgraph: string): FaultyUpstream;
  /** Ends a subgraph's process at once (SIGKILL). */
  kill(subgraph: string): Promise<void>;
  /** Starts a subgraph's process again at the same address. */
  restart(subgraph: string): Promise<void>;
  /** The router's `/readyz`. */
  readyz(): Promise<Probe>;
  /** A subgraph process's own `/readyz`. */
  subgraphReadyz(subgraph: string): Promise<Probe>;
  stop(): Promise<void>;
}

export interface FaultPlatformOptions {
  /** Subgraphs the router (and their peers) reach through a faulty upstream. */
  behindUpstream?: string[];
  /** Extra environment for the router and every subgraph process. */
  env?: Record<string, string>;
  /** The database URL one subgraph process gets (e.g. through a TCP proxy); default: the test database's. */
  databaseUrlFor?(url: string, subgraph: string): string;
}

/**
 * Distributed mode for fault injection: one real process per subgraph on loopback, the router in
 * this process; chosen subgraphs are reached through a faulty upstream the test controls.
 */
export async function startFaultPlatform(options: FaultPlatformOptions = {}): Promise<FaultPlatform> {
  const database = await createTestDatabase();
  const env = testPlatformEnv(database, { PORT: '0', ...FAST_FAILING_ENV, ...options.env });

  const committed = readSupergraphConfig(resolve(ROOT, 'supergraph.distributed.yaml'));
  const direct = new Map<string, string>();
  const upstreams = new Map<string, FaultyUpstream>();
  const processes = new Map<string, ChildProcess>();
  let router: RunningPlatform | null = null;
  // Starts still under way when the suite stops (a test timed out mid-restart) must not leave a
  // process behind that keeps the test runner alive.
  const starting = new Set<Promise<void>>();
  const stop = async () => {
    await Promise.allSettled(starting);
    await router?.stop();
    await Promise.all([...processes.values()].map(stopProcess));
    await Promise.all([...upstreams.values()].map((upstream) => upstream.close()));
    await database.drop();
  };
  try {
    const routing: Record<string, unknown> = {};
    for (const entry of committed.subgraphs) {
      const url = `http://127.0.0.1:${await freePort()}/graphql`;
      direct.set(entry.name, url);
      if (options.behindUpstream?.includes(entry.name)) upstreams.set(entry.name, await startFaultyUpstream(url));
      routing[entry.name] = { routing_url: upstreams.get(entry.name)?.url ?? url, schema: { file: entry.schemaFile } };
    }
    const supergraphConfig = writeComposedConfig(committed.federationVersion, routing);
    const processEnv: NodeJS.ProcessEnv = { ...env, SUPERGRAPH_CONFIG: supergraphConfig };
    const start = (name: string): Promise<void> => {
      const databaseUrl = database.url && options.databaseUrlFor ? { DATABASE_URL: options.databaseUrlFor(database.url, name) } : {};
      const started = startSubgraphProcess(name, direct.get(name)!, { ...processEnv, ...databaseUrl }, 'ignore').then((child) => {
        processes.set(name, child);
      });
      starting.add(started);
      return started.finally(() => starting.delete(started));
    };
    // Settled, not all: on a failure, stop() must also find the processes that started fine.
    const started = await Promise.allSettled([...direct.keys()].map(start));
    const failed = started.find((outcome): outcome is PromiseRejectedResult => outcome.status === 'rejected');
    if (failed) throw failed.reason;
    router = await startPlatform(readServiceConfig(processEnv, { port: 0 }));
    const url = router.url;
    const plan = planDemoData(SMALL_DEMO);
    const as = async (claims: DevTokenOptions): Promise<GraphQLClient> => {
      const headers = bearer(await tokenFor(claims));
      return (query, variables) => postGraphQL(url, query, variables, headers);
    };
    const probe = async (graphqlUrl: string): Promise<Probe> => {
      const response = await fetch(graphqlUrl.replace(/\/graphql$/, '/readyz'), { signal: AbortSignal.timeout(10_000) });
      return { status: response.status, body: (await response.json()) as Probe['body'] };
    };
    return {
      url,
      plan,
      admin: await as({ role: 'org_admin', sub: 'admin-1', org: plan.organizations[0]!.id, mfa: true }),
      as,
      requestTimeoutMs: Number(processEnv.ROUTER_REQUEST_TIMEOUT_MS),
      upstream: (name) => {
        const upstream = upstreams.get(name);
        if (!upstream) throw new Error(`${name} is not behind a faulty upstream`);
        return upstream;
      },
      kill: async (name) => {
        const child = processes.get(name);
        if (!child || child.exitCode !== null || child.signalCode !== null) return;
        await new Promise<void>((done) => {
          child.once('exit', () => done());
          child.kill('SIGKILL');
        });
      },
      restart: (name) => start(name),
      readyz: () => probe(url),
      subgraphReadyz: (name) => probe(direct.get(name)!),
      stop,
    };
  } catch (error) {
    await stop();
    throw error;
  }
}

/** A supergraph config with these routing URLs, composed beside it in a temporary directory. */
function writeComposedConfig(federationVersion: string, subgraphs: Record<string, unknown>): string {
  const dir = mkdtempSync(join(tmpdir(), 'caregraph-faults-'));
  const path = join(dir, 'supergraph.yaml');
  writeFileSync(path, stringify({ federation_version: federationVersion, subgraphs }));
  const outcome = composeSupergraph(readSupergraphConfig(path));
  if (!outcome.supergraphSdl) throw new Error(`composition failed: ${outcome.errors.join('; ')}`);
  writeFileSync(join(dir, 'supergraph.graphql'), outcome.supergraphSdl);
  return path;
}
