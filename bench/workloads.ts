import { CARE_TEAM_LIST, DASHBOARD, ingestBatch, RECORD_OBSERVATIONS, VITALS_CHART } from './operations.ts';
import type { LoadGenerator } from './load/load-generator.ts';
import type { BenchDataset } from './data/dataset.ts';
import type { WorkloadRun } from './report/results.ts';
import { CARE_TEAM_PAGE_SIZES, type BenchSettings } from './settings.ts';

/** Where a workload is sent: the platform's GraphQL endpoint, or the floor's routes. */
export type Target =
  | { kind: 'graphql'; url: string; token: string; deviceTokens: Map<string, string> }
  | { kind: 'floor'; baseUrl: string };

/** Counts SQL statements in the server process around `send` (null: the target cannot be counted). */
export type StatementCounter = { count: number } | null;

export interface WorkloadContext {
  load: LoadGenerator;
  settings: BenchSettings;
  dataset: BenchDataset;
  /** Returns how many observations are stored, for W4's accepted rate. */
  countObservations(): Promise<number>;
}

interface Request {
  url: string;
  headers: Record<string, string>;
  body: unknown;
}

function read(target: Target, floorRoute: string, query: string, variables: Record<string, unknown>): Request {
  return target.kind === 'graphql'
    ? { url: target.url, headers: { authorization: `Bearer ${target.token}` }, body: { query, variables } }
    : { url: `${target.baseUrl}${floorRoute}`, headers: {}, body: variables };
}

async function send(request: Request): Promise<void> {
  const response = await fetch(request.url, { method: 'POST', headers: { 'content-type': 'application/json', ...request.headers }, body: JSON.stringify(request.body) });
  const text = await response.text();
  if (!response.ok || text.includes('"errors"')) throw new Error(`${request.url} answered ${response.status}: ${text.slice(0, 300)}`);
}

/**
 * Statements per request: `samples` requests one after another, after the load (warm caches),
 * each counted on its own; the median, since a loader primed by a parallel fetch now and then
 * saves or costs one statement (see test/statement-count.int.test.ts).
 */
async function statementsPer(counter: StatementCounter, samples: number, sendOne: (i: number) => Promise<void>): Promise<number | null> {
  if (!counter) {
    await sendOne(0); // still proves the workload answers without errors
    return null;
  }
  const counts: number[] = [];
  for (let i = 0; i < samples; i++) {
    const before = counter.count;
    await sendOne(i);
    counts.push(counter.count - before);
  }
  counts.sort((a, b) => a - b);
  return counts[Math.floor(counts.length / 2)]!;
}

/** A read workload: load from the generator, then statements per request. */
async function readWorkload(context: WorkloadContext, id: string, label: string, request: Request, counter: StatementCounter): Promise<WorkloadRun> {
  await send(request); // fails fast, with the answer, if the workload is wrong
  const load = await context.load.run({
    kind: 'fixed',
    spec: { ...request, connections: context.settings.connections, warmupSeconds: context.settings.warmupSeconds, durationSeconds: context.settings.durationSeconds },
  });
  const statementsPerRequest = await statementsPer(counter, context.settings.statementSamples, () => send(request));
  return { id, label, load, statementsPerRequest };
}

export function dashboard(context: WorkloadContext, target: Target, id: string, label: string, counter: StatementCounter) {
  return readWorkload(context, id, label, read(target, '/dashboard', DASHBOARD, { id: context.dataset.dashboardPatientId }), counter);
}

export async function careTeamLists(context: WorkloadContext, target: Target, suffix: string, labelOf: (first: number) => string, counter: StatementCounter) {
  const runs: WorkloadRun[] = [];
  for (const first of CARE_TEAM_PAGE_SIZES) {
    runs.push(await readWorkload(context, `W2@${first}${suffix}`, labelOf(first), read(target, '/care-team', CARE_TEAM_LIST, { first }), counter));
  }
  return runs;
}

export function vitalsChart(context: WorkloadContext, target: Target, id: string, label: string, counter: StatementCounter) {
  const { from, to } = context.dataset.denseWindow;
  const variables = { id: context.dataset.densePatientIds[0], from: from.toISOString(), to: to.toISOString() };
  return readWorkload(context, id, label, read(target, '/chart', VITALS_CHART, variables), counter);
}

/**
 * W4: 16 devices, each with its own token (the floor: no token), posting batches with keys never
 * used before. Accepted observations are counted in the table, not trusted from the answers.
 */
export async function ingestion(context: WorkloadContext, target: Target, id: string, label: string, counter: StatementCounter): Promise<WorkloadRun> {
  const runKey = `${id}-${Date.now()}`;
  const senders = context.dataset.ingestDevices.map((device) => ({
    ...device,
    token: target.kind === 'graphql' ? target.deviceTokens.get(device.deviceId)! : null,
  }));
  const requestFor = (sender: (typeof senders)[number], key: string, sequence: number): Request => {
    const input = ingestBatch(key, sequence, sender);
    return target.kind === 'graphql'
      ? { url: target.url, headers: { authorization: `Bearer ${sender.token}` }, body: { query: RECORD_OBSERVATIONS, variables: { input } } }
      : { url: `${target.baseUrl}/ingest`, headers: {}, body: { input } };
  };
  await send(requestFor(senders[0]!, `${runKey}-check`, 0));
  const url = target.kind === 'graphql' ? target.url : `${target.baseUrl}/ingest`;
  const spec = { url, shape: target.kind === 'graphql' ? ('graphql' as const) : ('floor' as const), query: RECORD_OBSERVATIONS, senders, warmupSeconds: 0 };
  // Warm-up as a run of its own, so the rows counted below are exactly the measured run's.
  await context.load.run({ kind: 'ingest', spec: { ...spec, keyPrefix: `${runKey}-warmup`, durationSeconds: context.settings.warmupSeconds } });
  const before = await context.countObservations();
  const load = await context.load.run({ kind: 'ingest', spec: { ...spec, keyPrefix: runKey, durationSeconds: context.settings.durationSeconds } });
  const stored = (await context.countObservations()) - before;
  const statementsPerRequest = await statementsPer(counter, context.settings.statementSamples, (i) => send(requestFor(senders[i % senders.length]!, `${runKey}-sample`, i)));
  return { id, label, load, statementsPerRequest, observationsPerSecond: stored / load.seconds };
}
