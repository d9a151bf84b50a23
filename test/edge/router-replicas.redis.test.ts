import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningPlatform } from '@caregraph/router/platform';
import { startTcpProxy, type TcpProxy } from '../faults/support/tcp-proxy.ts';
import { eventually } from '../support/eventually.ts';
import { connectTestRedis, TEST_REDIS_URL, uniqueKeyPrefix, type TestRedis } from '../support/redis.ts';
import { startReplicaSet, type ReplicaSet } from '../support/router-replicas.ts';
import { bearer, tokenFor } from '../support/tokens.ts';
import { codeOf, postJson, type Answer } from './support.ts';

/** Low limits, so reaching one takes a handful of requests. */
const PER_ADDRESS = 6;
const PER_PRINCIPAL = 4;
const PROBE_THRESHOLD = 12;

/**
 * Two (or three) router replicas in this process, each on its own port, in front of the same
 * subgraph processes, counting in a real Redis under a key prefix of this run alone. Requests
 * alternate between the replicas, as a load balancer would spread them.
 */
let redis: TestRedis;
let replicas: ReplicaSet;
const prefixes: string[] = [];

beforeAll(async () => {
  redis = await connectTestRedis();
  replicas = await startReplicaSet();
});

afterAll(async () => {
  await replicas?.stop();
  for (const prefix of prefixes) await redis?.drop(prefix);
  await redis?.close();
});

function routerEnv(redisUrl: string, extra: Record<string, string> = {}): Record<string, string> {
  const prefix = uniqueKeyPrefix();
  prefixes.push(prefix);
  return {
    REDIS_URL: redisUrl,
    REDIS_KEY_PREFIX: prefix,
    RATE_LIMIT_ADDRESS: String(PER_ADDRESS),
    RATE_LIMIT_PRINCIPAL: String(PER_PRINCIPAL),
    RATE_LIMIT_WINDOW_SECONDS: '60',
    PROBE_REPORT_THRESHOLD: String(PROBE_THRESHOLD),
    // One trusted proxy: each request says which address it comes from.
    TRUSTED_PROXY_HOPS: '1',
    ...extra,
  };
}

let lastAddress = 0;
/** A new client address per request, so only the limit under test is reached. */
const freshAddress = () => `10.77.${Math.floor(++lastAddress / 250)}.${lastAddress % 250}`;

function ask(router: RunningPlatform, options: { token?: string; address?: string; query?: string } = {}): Promise<Answer> {
  return postJson(router.url, { query: options.query ?? '{ __typename }' }, {
    'x-forwarded-for': options.address ?? freshAddress(),
    ...(options.token ? bearer(options.token) : {}),
  });
}

async function readyz(router: RunningPlatform): Promise<{ status: number; body: { status: string; checks: Record<string, unknown> } }> {
  const response = await fetch(router.url.replace(/\/graphql$/, '/readyz'));
  return { status: response.status, body: (await response.json()) as { status: string; checks: Record<string, unknown> } };
}

function expectRateLimited(answer: Answer): void {
  expect(answer.status).toBe(429);
  expect(codeOf(answer)).toBe('RATE_LIMITED');
  const retryAfter = Number(answer.headers.get('retry-after'));
  expect(Number.isInteger(retryAfter)).toBe(true);
  expect(retryAfter).toBeGreaterThanOrEqual(1);
  expect(retryAfter).toBeLessThanOrEqual(60);
  expect(answer.body?.data).toBeUndefined();
}

const adminToken = (sub: string) => tokenFor({ role: 'org_admin', sub, org: replicas.plan.organizations[0]!.id, mfa: true });

describe('router replicas sharing one Redis', () => {
  let a: RunningPlatform;
  let b: RunningPlatform;
  let env: Record<string, string>;
  beforeAll(async () => {
    env = routerEnv(TEST_REDIS_URL);
    [a, b] = await Promise.all([replicas.startRouter(env), replicas.startRouter(env)]);
  });

  it('enforce one principal limit across both: alternating requests get 429 at the combined limit, with Retry-After', async () => {
    const token = await adminToken('replica-busy');
    const statuses: number[] = [];
    for (let i = 0; i < PER_PRINCIPAL; i++) statuses.push((await ask(i % 2 === 0 ? a : b, { token })).status);
    expect(statuses).toEqual(Array(PER_PRINCIPAL).fill(200));
    expectRateLimited(await ask(a, { token }));
    expectRateLimited(await ask(b, { token }));
    // Another principal is not held back, on either replica.
    expect((await ask(b, { token: await adminToken('replica-calm') })).status).toBe(200);
  });

  it('enforce one address limit across both, before authentication', async () => {
    const address = '203.0.113.50';
    const statuses: number[] = [];
    for (let i = 0; i < PER_ADDRESS; i++) statuses.push((await ask(i % 2 === 0 ? b : a, { token: 'not-a-token', address })).status);
    expect(statuses).toEqual(Array(PER_ADDRESS).fill(401));
    expectRateLimited(await ask(a, { token: 'not-a-token', address }));
    expectRateLimited(await ask(b, { token: 'not-a-token', address }));
  });

  it("keep the counts under their deployment's key prefix, expiring with the window; another deployment on the same Redis counts apart", async () => {
    const prefix = env.REDIS_KEY_PREFIX!;
    const keys = await redis.keys(prefix);
    expect(keys).toEqual(expect.arrayContaining([`${prefix}rate:principal:replica-busy`, `${prefix}rate:address:203.0.113.50`]));
    for (const key of keys) {
      const ttl = await redis.pttl(key);
      expect(ttl).toBeGreaterThan(0);
      expect(ttl).toBeLessThanOrEqual(60_000);
    }
    // A replica of another deployment (its own prefix) on the same Redis: the busy principal is new there.
    const other = await replicas.startRouter(routerEnv(TEST_REDIS_URL));
    expect((await ask(other, { token: await adminToken('replica-busy') })).status).toBe(200);
    expectRateLimited(await ask(a, { token: await adminToken('replica-busy') }));
  });

  it('report probing spread over both replicas once, with the combined count', async () => {
    const token = await adminToken('replica-prober');
    const lookups = () => Array.from({ length: 5 }, (_, i) => `p${i}: patient(id: "${randomUUID()}") { id }`).join(' ');
    // 5 NOT_FOUND a request, alternating: 5, 10, 15 (past 12, on replica a), 20.
    for (let i = 0; i < 4; i++) {
      const answer = await ask(i % 2 === 0 ? a : b, { token, query: `{ ${lookups()} }` });
      expect(answer.status).toBe(200);
      expect(answer.body?.errors?.every((error) => error.extensions?.['code'] === 'NOT_FOUND')).toBe(true);
    }
    const auditor = await tokenFor({ role: 'auditor', sub: 'replica-auditor', org: replicas.plan.organizations[0]!.id, mfa: true });
    const trail = await ask(b, { token: auditor, query: '{ auditEvents(actor: "replica-prober", first: 50) { edges { node { action resourceType fields } } } }' });
    const events = (trail.body?.data?.auditEvents.edges ?? []).map((edge: { node: { action: string; resourceType: string; fields: string[] } }) => edge.node);
    const reports = events.filter((event: { action: string }) => event.action === 'DENY');
    expect(reports.map((event: { resourceType: string; fields: string[] }) => [event.resourceType, event.fields])).toEqual([['Request', ['NOT_FOUND', 'probes:15']]]);
  });

  it('report Redis in /readyz', async () => {
    for (const router of [a, b]) expect(await readyz(router)).toMatchObject({ status: 200, body: { status: 'ready', checks: { redis: 'reachable' } } });
  });
});

describe('router replicas when Redis stops answering', () => {
  let proxy: TcpProxy;
  let a: RunningPlatform;
  let b: RunningPlatform;
  beforeAll(async () => {
    const target = new URL(TEST_REDIS_URL);
    proxy = await startTcpProxy({ host: target.hostname, port: Number(target.port || 6379) });
    const env = routerEnv(proxy.urlFor(TEST_REDIS_URL), { REDIS_COMMAND_TIMEOUT_MS: '200' });
    [a, b] = await Promise.all([replicas.startRouter(env), replicas.startRouter(env)]);
  });
  afterAll(async () => {
    await proxy?.close();
  });

  /** Alternates requests of one principal between the replicas; each answer's status and time. */
  async function alternate(token: string, count: number): Promise<{ status: number; ms: number }[]> {
    const answers: { status: number; ms: number }[] = [];
    for (let i = 0; i < count; i++) {
      const started = performance.now();
      const answer = await ask(i % 2 === 0 ? a : b, { token });
      answers.push({ status: answer.status, ms: performance.now() - started });
    }
    return answers;
  }

  it('serve while Redis is down, each replica counting alone (the limit on each), and say so in /readyz', async () => {
    proxy.setFault('refuse');
    const token = await adminToken('outage-refused');
    const answers = await alternate(token, 2 * PER_PRINCIPAL);
    expect(answers.map((answer) => answer.status)).toEqual(Array(2 * PER_PRINCIPAL).fill(200));
    expect(Math.max(...answers.map((answer) => answer.ms))).toBeLessThan(1_000);
    expectRateLimited(await ask(a, { token }));
    expectRateLimited(await ask(b, { token }));
    // Unready would take every replica out of rotation over a counter store: ready, and saying why the counts are per replica.
    expect(await readyz(a)).toMatchObject({ status: 200, body: { status: 'ready', checks: { redis: 'unreachable' } } });
  });

  it('share one limit again once Redis answers', async () => {
    proxy.setFault('pass');
    const back = await eventually(async () => (await readyz(a)).body.checks.redis === 'reachable' && (await readyz(b)).body.checks.redis === 'reachable', 15_000, 200);
    expect(back).toBe(true);
    const token = await adminToken('outage-recovered');
    expect((await alternate(token, PER_PRINCIPAL)).map((answer) => answer.status)).toEqual(Array(PER_PRINCIPAL).fill(200));
    expectRateLimited(await ask(a, { token }));
    expectRateLimited(await ask(b, { token }));
  });

  it('wait at most the command timeout when Redis hangs (connected, answering nothing), then count in memory', async () => {
    proxy.setFault('blackhole');
    try {
      const token = await adminToken('outage-hung');
      const answers = await alternate(token, 2 * PER_PRINCIPAL);
      expect(answers.map((answer) => answer.status)).toEqual(Array(2 * PER_PRINCIPAL).fill(200));
      // 200 ms command timeout, then a second of asking nobody: no request waits on Redis for long.
      expect(Math.max(...answers.map((answer) => answer.ms))).toBeLessThan(1_500);
      expectRateLimited(await ask(b, { token }));
      const probe = await readyz(a);
      expect(probe).toMatchObject({ status: 200, body: { checks: { redis: 'unreachable' } } });
    } finally {
      proxy.setFault('pass');
    }
  });
});
