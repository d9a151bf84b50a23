import { randomBytes, randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { planDemoData, SMALL_DEMO } from '@caregraph/platform';
import { postGraphQL } from '../support/graphql-client.ts';
import { startOtlpCollector, type CollectedSpan, type OtlpCollector } from '../support/otlp-collector.ts';
import { PROCESS_TEST_TIMEOUT_MS, startPlatformProcess, type PlatformProcess } from '../support/platform-process.ts';
import { bearer, tokenFor } from '../support/tokens.ts';

const plan = planDemoData(SMALL_DEMO);
const patient = plan.patients[0]!;
const device = plan.devices.find((d) => d.assignedPatientId === patient.id)!;
const SERVER = 2;
const isSql = (span: CollectedSpan) => /^(SELECT|INSERT|UPDATE|WITH|BEGIN|COMMIT) (postgresql|pglite)$/.test(span.name);

/** A cross-subgraph query: patients at the root, devices and observations by entity reference. */
const QUERY = `query Dashboard($p: ID!) { patient(id: $p) { mrn name { text } devices { id serialNumber } latestVitals { code value } } }`;

async function eventually<T>(read: () => T, done: (value: T) => boolean): Promise<T> {
  const deadline = Date.now() + 15_000;
  for (;;) {
    const value = read();
    if (done(value) || Date.now() > deadline) return value;
    await new Promise((r) => setTimeout(r, 200));
  }
}

/**
 * OpenTelemetry end to end, with the platform in processes of its own exporting OTLP to a
 * collector on loopback: one trace links the router's span, each subgraph's span and the SQL
 * spans; no query text literal, variable value or PHI goes into a span; logs carry the ids.
 */
describe.each(['in-process', 'distributed'] as const)('one trace per request (%s)', (mode) => {
  let collector: OtlpCollector;
  let platform: PlatformProcess;
  const traceId = randomBytes(16).toString('hex');
  const requestId = randomUUID();
  let platformRequestId = '';
  let trace: CollectedSpan[];

  beforeAll(async () => {
    collector = await startOtlpCollector();
    platform = await startPlatformProcess(mode, {
      OTEL_EXPORTER_OTLP_ENDPOINT: collector.endpoint,
      OTEL_EXPORTER_OTLP_PROTOCOL: 'http/json',
      OTEL_BSP_SCHEDULE_DELAY: '100',
      OTEL_METRIC_EXPORT_INTERVAL: '300',
      LOG_LEVEL: 'info',
    });
    const admin = bearer(await tokenFor({ role: 'org_admin', sub: 'admin-1', org: patient.organizationId, mfa: true }));
    const response = await postGraphQL(platform.url, QUERY, { p: patient.id }, {
      ...admin,
      traceparent: `00-${traceId}-${randomBytes(8).toString('hex')}-01`,
      'x-request-id': requestId,
    });
    expect(response.errors).toBeUndefined();
    // The platform names the request itself; the id the caller sent is kept beside it.
    platformRequestId = response.headers.get('x-request-id')!;
    expect(platformRequestId).not.toBe(requestId);
    const services = mode === 'distributed' ? ['caregraph-router', 'caregraph-patients', 'caregraph-devices', 'caregraph-observations'] : ['caregraph-router'];
    // Each process exports on its own schedule: wait until every one has sent its part.
    trace = await eventually(
      () => collector.spans.filter((span) => span.traceId === traceId),
      (spans) => services.every((service) => spans.some((s) => s.service === service && s.kind === SERVER) && spans.some((s) => s.service === service && isSql(s))),
    );
  }, PROCESS_TEST_TIMEOUT_MS);
  afterAll(async () => {
    await platform?.stop();
    await collector?.close();
  });

  it('continues the caller’s trace (W3C traceparent) in the router', () => {
    const router = trace.filter((span) => span.service === 'caregraph-router');
    expect(router.some((span) => span.kind === SERVER)).toBe(true);
    expect(router.map((span) => span.name)).toEqual(expect.arrayContaining(['gateway.request', 'gateway.plan', 'gateway.fetch']));
  });

  it('links every subgraph and the SQL statements into the same trace', () => {
    const byId = new Map(trace.map((span) => [span.spanId, span]));
    const sql = trace.filter(isSql);
    expect(sql.length).toBeGreaterThan(0);
    if (mode === 'distributed') {
      for (const service of ['caregraph-patients', 'caregraph-devices', 'caregraph-observations']) {
        expect(trace.some((span) => span.service === service && span.kind === SERVER), service).toBe(true);
        expect(sql.some((span) => span.service === service), `SQL of ${service}`).toBe(true);
      }
    }
    // Every span but the caller's root has its parent in the trace: nothing floats free.
    const orphans = trace.filter((span) => span.parentSpanId && !byId.has(span.parentSpanId) && span.service !== 'caregraph-router');
    expect(orphans.map((span) => `${span.service} ${span.name}`)).toEqual([]);
  });

  it('puts no PHI, query literal or variable value into a span', () => {
    const text = JSON.stringify(trace);
    for (const value of [patient.mrn, patient.family, patient.id, device.serialNumber, 'mrn name']) expect(text).not.toContain(value);
    expect(text).not.toContain('patient(id');
  });

  it('exports request, latency, per-subgraph latency and breaker metrics', async () => {
    const expected = ['caregraph.router.requests', 'caregraph.router.request.duration', 'caregraph.subgraph.fetch.duration'];
    if (mode === 'distributed') expected.push('caregraph.subgraph.breaker.state');
    const names = await eventually(() => collector.metricNames, (set) => expected.every((name) => set.has(name)));
    expect([...names]).toEqual(expect.arrayContaining(expected));
  });

  it('writes a JSON log line per request carrying its request id and trace id, and no PHI', async () => {
    const lines = await eventually(
      () =>
        platform
          .output()
          .split('\n')
          .filter((line) => line.startsWith('{'))
          .map((line) => JSON.parse(line) as Record<string, unknown>),
      (parsed) => parsed.some((line) => line.request_id === platformRequestId),
    );
    expect(lines.find((line) => line.request_id === platformRequestId)).toMatchObject({ msg: 'graphql request', trace_id: traceId, operation: 'query', outcome: 'ok' });
    const text = platform.output();
    for (const value of [patient.mrn, patient.family, device.serialNumber]) expect(text).not.toContain(value);
  });
});
