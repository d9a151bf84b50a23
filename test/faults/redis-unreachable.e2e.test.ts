import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eventually } from '../support/eventually.ts';
import { postGraphQL } from '../support/graphql-client.ts';
import { startOtlpCollector, type OtlpCollector } from '../support/otlp-collector.ts';
import { startPlatformProcess, type PlatformProcess } from '../support/platform-process.ts';
import { freePort } from '../support/platform.ts';
import { bearer, tokenFor } from '../support/tokens.ts';
import { planDemoData, SMALL_DEMO } from '@caregraph/platform';

const PER_PRINCIPAL = 3;

/**
 * A router whose `REDIS_URL` names a port nobody listens on, as after a typo or with Redis down
 * at deploy time: it starts and serves (rate limits are a shared counter, not a gate), limits in
 * its own memory at the configured limit, and says so: a warning in the log, `redis:
 * "unreachable"` in `/readyz` (still ready), and the `caregraph.router.redis.fallbacks` metric.
 */
describe('a router whose Redis is unreachable', () => {
  let collector: OtlpCollector;
  let platform: PlatformProcess;
  beforeAll(async () => {
    collector = await startOtlpCollector();
    platform = await startPlatformProcess('in-process', {
      REDIS_URL: `redis://127.0.0.1:${await freePort()}`,
      REDIS_KEY_PREFIX: 'caregraph-test-unreachable:',
      REDIS_CONNECT_TIMEOUT_MS: '500',
      RATE_LIMIT_PRINCIPAL: String(PER_PRINCIPAL),
      OTEL_EXPORTER_OTLP_ENDPOINT: collector.endpoint,
      OTEL_EXPORTER_OTLP_PROTOCOL: 'http/json',
      OTEL_METRIC_EXPORT_INTERVAL: '300',
      LOG_LEVEL: 'warn',
    });
  });
  afterAll(async () => {
    await platform?.stop();
    await collector?.close();
  });

  it('starts, is ready, and reports Redis unreachable', async () => {
    const response = await fetch(platform.url.replace(/\/graphql$/, '/readyz'));
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({ status: 'ready', checks: { redis: 'unreachable', database: 'reachable' } });
  });

  it('limits in its own memory at the configured limit: 429 RATE_LIMITED with Retry-After', async () => {
    const plan = planDemoData(SMALL_DEMO);
    const token = bearer(await tokenFor({ role: 'org_admin', sub: 'no-redis-admin', org: plan.organizations[0]!.id, mfa: true }));
    const answers = [];
    for (let i = 0; i <= PER_PRINCIPAL; i++) answers.push(await postGraphQL(platform.url, '{ __typename }', {}, token));
    expect(answers.slice(0, PER_PRINCIPAL).map((answer) => answer.status)).toEqual(Array(PER_PRINCIPAL).fill(200));
    const refused = answers[PER_PRINCIPAL]!;
    expect(refused.status).toBe(429);
    expect(refused.errors?.[0]?.extensions?.code).toBe('RATE_LIMITED');
    expect(Number(refused.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
  });

  it('warns once in the log (never with the URL) and counts the fallbacks in a metric', async () => {
    const warnings = platform
      .output()
      .split('\n')
      .filter((line) => line.includes('Redis did not answer'));
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).not.toContain('redis://');
    expect(await eventually(async () => collector.metricNames.has('caregraph.router.redis.fallbacks'), 15_000, 200)).toBe(true);
  });
});
