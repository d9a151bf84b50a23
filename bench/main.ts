// The benchmark harness of issue 7 (see bench/README.md); started by run.ts.
import { randomBytes } from 'node:crypto';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, tmpdir, totalmem } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import postgres from 'postgres';
import { phiKeysFrom, readServiceConfig, readSupergraphConfig, signDevToken, writeSecretFileOnce, type Viewer } from '@caregraph/platform';
import { startDistributed } from '@caregraph/router/distributed';
import { startPlatform } from '@caregraph/router/platform';
import { distributedConfigOnFreePorts } from '../test/support/platform.ts';
import { DEFAULT_SERVER, freshBenchDatabase } from './data/bench-database.ts';
import { seedBenchData } from './data/seed.ts';
import { LoadGenerator } from './load/load-generator.ts';
import { DASHBOARD } from './operations.ts';
import { compare } from './report/comparisons.ts';
import { toMarkdown } from './report/markdown.ts';
import type { BenchReport, WorkloadRun } from './report/results.ts';
import { startFloorServer } from './servers/floor-server.ts';
import { serveIssuerKeys } from './servers/identity-provider.ts';
import { startInProcessStack } from './servers/in-process-stack.ts';
import { DENSE_DAYS, FULL, QUICK } from './settings.ts';
import { careTeamLists, dashboard, ingestion, vitalsChart, type Target, type WorkloadContext } from './workloads.ts';

const ROOT = resolve(import.meta.dirname, '..');
const { values } = parseArgs({ options: { quick: { type: 'boolean' }, 'keep-database': { type: 'boolean' }, help: { type: 'boolean', short: 'h' } } });
if (values.help) {
  console.log(`Usage: pnpm bench [--quick] [--keep-database]
  Seeds a fresh database (caregraph_bench) on the server DATABASE_URL names (default ${DEFAULT_SERVER}),
  runs W1-W4 against the platform and the reference points, writes bench/results/<date>.json and prints
  a Markdown table. --quick: a small data set and 2-second runs (a smoke run; numbers mean little).`);
  process.exit(0);
}

const started = performance.now();
const settings = values.quick ? QUICK : FULL;
const log = (message: string) => console.error(`[bench ${((performance.now() - started) / 1000).toFixed(0).padStart(3)} s] ${message}`);
const SECURITY_LABELS = { on: 'W1, security on (same assembly)', off: 'W1, security off: no token check, field rules, audit, decryption' } as const;
/** 'localhost' may resolve to ::1 while servers listen on IPv4. */
const ipv4 = (url: string) => url.replace('//localhost:', '//127.0.0.1:');

const loadBefore = loadavg();
const database = await freshBenchDatabase(process.env.DATABASE_URL || DEFAULT_SERVER);
const secrets = mkdtempSync(join(tmpdir(), 'caregraph-bench-'));
const identity = await serveIssuerKeys(join(secrets, 'dev-issuer.json'));
// Provisioned, as production requires: it generates no router secret.
writeSecretFileOnce(join(secrets, 'router-secret'), randomBytes(32).toString('hex'));
const env: NodeJS.ProcessEnv = {
  ...process.env,
  DATABASE_URL: database.url,
  DEMO_DATA: 'false',
  PORT: '0',
  SUPERGRAPH_CONFIG: resolve(ROOT, 'supergraph.yaml'),
  KEYS_FILE: join(secrets, 'keys.json'),
  AUTH_DEV_KEY_FILE: join(secrets, 'dev-issuer.json'),
  ROUTER_SECRET_FILE: join(secrets, 'router-secret'),
  // An identity provider, as production requires (the subgraph processes check).
  ...identity.env,
  // One machine sends all the load: the per-address and per-principal limits would refuse most of it.
  RATE_LIMIT_ADDRESS: '0',
  RATE_LIMIT_PRINCIPAL: '0',
  LOG_LEVEL: 'warn',
};
const config = readServiceConfig(env, { port: 0 });
const load = new LoadGenerator();
const sql = postgres(database.url, { max: 1, onnotice: () => {} });
const runs: WorkloadRun[] = [];

try {
  log(`seeding (${settings.name})…`);
  const seeded = await seedBenchData(database.url, config.keysFile, settings);
  const { dataset } = seeded;
  log(`seeded ${seeded.counts.observations} observations in ${seeded.seconds.toFixed(1)} s`);

  const devKey = config.auth.devKeyFile;
  const token = await signDevToken(devKey, { role: 'clinician', sub: dataset.clinicianId, org: dataset.organizationId, mfa: true });
  const viewer: Viewer = { sub: dataset.clinicianId, role: 'clinician', organizationId: dataset.organizationId, scopes: [], patientId: null, deviceId: null, mfa: true, clientId: null };
  const deviceTokens = new Map<string, string>();
  for (const device of dataset.ingestDevices) {
    deviceTokens.set(device.deviceId, await signDevToken(devKey, { role: 'device', sub: `device-${device.deviceId}`, org: dataset.organizationId, device: device.deviceId }));
  }
  const context: WorkloadContext = {
    load,
    settings,
    dataset,
    countObservations: async () => (await sql<{ n: number }[]>`select count(*)::int as n from observations.observations`)[0]!.n,
  };
  const graphql = (url: string): Target => ({ kind: 'graphql', url: ipv4(url), token, deviceTokens });

  log('platform, in-process (pnpm start)…');
  const platform = await startPlatform(config);
  try {
    const target = graphql(platform.url);
    const counter = platform.database!.statements;
    runs.push(await dashboard(context, target, 'W1', 'W1 dashboard, in-process', counter));
    runs.push(...(await careTeamLists(context, target, '', (n) => `W2 care-team list (${n}), in-process`, counter)));
    runs.push(await vitalsChart(context, target, 'W3', `W3 vitals chart (${DENSE_DAYS} d hourly), in-process`, counter));
    runs.push(await ingestion(context, target, 'W4', 'W4 ingestion (16 devices x 100), in-process', counter));
  } finally {
    await platform.stop();
  }

  log('floor: hand-written SQL through postgres.js…');
  const floor = await startFloorServer(database.url, config.poolMax, phiKeysFrom(config), { organizationId: dataset.organizationId, clinicianId: dataset.clinicianId });
  try {
    const target: Target = { kind: 'floor', baseUrl: floor.url };
    const counter = { get count() { return floor.queries.statements; } };
    runs.push(await dashboard(context, target, 'W1.floor', 'W1 floor: hand-written SQL', counter));
    runs.push(...(await careTeamLists(context, target, '.floor', (n) => `W2 floor (${n}): hand-written SQL`, counter)));
    runs.push(await vitalsChart(context, target, 'W3.floor', 'W3 floor: hand-written SQL', counter));
    runs.push(await ingestion(context, target, 'W4.floor', 'W4 floor: raw multi-row INSERT', counter));
  } finally {
    await floor.stop();
  }

  // Security on and off measured in turns, settings.securityRounds each, so drift on a shared machine
  // (the same variant has moved by 25% between back-to-back runs) falls on both alike.
  const stacks = { on: await startInProcessStack(config, 'on', viewer), off: await startInProcessStack(config, 'off', viewer) };
  try {
    const rounds: Record<'on' | 'off', WorkloadRun[]> = { on: [], off: [] };
    for (let round = 1; round <= settings.securityRounds; round++) {
      for (const security of ['on', 'off'] as const) {
        log(`security ${security}, in-process, round ${round} of ${settings.securityRounds}…`);
        rounds[security].push(await dashboard(context, graphql(stacks[security].url), `W1.security-${security}`, SECURITY_LABELS[security], null));
      }
    }
    runs.push(medianRound(rounds.on), medianRound(rounds.off));
  } finally {
    await Promise.all([stacks.on.stop(), stacks.off.stop()]);
  }

  log('platform, distributed (one process per subgraph)…');
  const supergraphConfig = await distributedConfigOnFreePorts();
  const distributed = await startDistributed({ ...env, SUPERGRAPH_CONFIG: supergraphConfig });
  try {
    const target = graphql(distributed.url);
    runs.push(await dashboard(context, target, 'W1.distributed', 'W1 dashboard, distributed', null));
    const phases = { concurrency: 1, warmupSeconds: settings.warmupSeconds, durationSeconds: settings.durationSeconds };
    const routed = await load.run({ kind: 'routed-dashboard', spec: { url: ipv4(distributed.url), token, patientId: dataset.dashboardPatientId, query: DASHBOARD }, phases });
    runs.push({ id: 'W1.distributed.routed', label: 'W1 distributed, one at a time, through the router', load: routed, statementsPerRequest: null });
    const urls = Object.fromEntries(readSubgraphUrls(supergraphConfig)) as { patients: string; devices: string; observations: string; audit: string };
    const direct = await load.run({
      kind: 'direct-dashboard',
      spec: { subgraphs: urls, routerSecretFile: config.routerSecretFile, token, viewer, patientId: dataset.dashboardPatientId },
      phases,
    });
    runs.push({ id: 'W1.distributed.direct', label: 'W1 distributed, one at a time, straight to the subgraphs', load: direct, statementsPerRequest: null });
  } finally {
    await distributed.stop();
  }

  const version = (await sql<{ version: string }[]>`select version()`)[0]!.version;
  const report: BenchReport = {
    date: new Date().toISOString(),
    settings: settings.name,
    machine: {
      cpus: cpus()[0]?.model ?? 'unknown',
      cores: cpus().length,
      memoryGiB: Math.round(totalmem() / 2 ** 30),
      node: process.version,
      postgres: version.split(' ').slice(0, 2).join(' '),
      loadAverageBefore: loadBefore,
      loadAverageAfter: loadavg(),
    },
    dataset: { ...seeded.counts, denseRowsPerChart: DENSE_DAYS * 1440, seedSeconds: seeded.seconds },
    runs,
    comparisons: compare(runs),
    totalSeconds: (performance.now() - started) / 1000,
  };
  const markdown = toMarkdown(report);
  const dir = resolve(ROOT, 'bench/results');
  mkdirSync(dir, { recursive: true });
  const stamp = report.date.replace(/[:.]/g, '-');
  writeFileSync(join(dir, `${stamp}${settings.name === 'quick' ? '-quick' : ''}.json`), `${JSON.stringify(report, null, 2)}\n`);
  log(`wrote bench/results/${stamp}${settings.name === 'quick' ? '-quick' : ''}.json`);
  console.log(markdown);
} finally {
  load.stop();
  await sql.end();
  if (!values['keep-database']) await database.drop();
  await identity.close();
  rmSync(secrets, { recursive: true, force: true });
}

/** The round with the median throughput: a run as measured, not an average of runs. */
function medianRound(rounds: WorkloadRun[]): WorkloadRun {
  const sorted = [...rounds].sort((a, b) => a.load.requestsPerSecond - b.load.requestsPerSecond);
  const median = sorted[Math.floor(sorted.length / 2)]!;
  return { ...median, label: `${median.label} (median of ${rounds.length} rounds)` };
}

function readSubgraphUrls(path: string): [string, string][] {
  // The config was just written by distributedConfigOnFreePorts; its routing URLs are the subgraphs'.
  return readSupergraphConfig(path).subgraphs.map((entry) => [entry.name, ipv4(entry.routingUrl)]);
}
