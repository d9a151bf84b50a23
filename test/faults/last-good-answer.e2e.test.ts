import { measuresHeartRate } from '../support/demo-devices.ts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { GraphQLResponse } from '../support/graphql-client.ts';
import { expectNoLeak, expectUnavailable } from './support/assertions.ts';
import { eventually } from '../support/eventually.ts';
import { startFaultPlatform, type FaultPlatform } from './support/fault-platform.ts';

// With the reference ranges, a field of object type: they must keep the answer PUBLIC (inheritMaxAge).
const CODES = `{ vitalSignCodes { code display unit referenceRange { low high } } }`;
/** postGraphQL keeps the whole body: `extensions` too. */
type Answer = GraphQLResponse & { extensions?: { stale?: unknown[] } };

const RECORD = `mutation ($input: [ObservationInput!]!) { recordObservations(input: $input) { recorded } }`;

/**
 * The observations subgraph behind a faulty upstream. `Query.vitalSignCodes` is reference data
 * (`@cacheControl(scope: PUBLIC)`): while observations cannot answer, the router serves its last
 * good answer, flagged in `extensions.stale`. Queries are retried on 503, mutations never.
 */
describe('last good answer and retries (distributed, real processes)', () => {
  let platform: FaultPlatform;
  let fresh: unknown;
  beforeAll(async () => {
    // A breaker that stays closed for the retry counts; the last test opens it on purpose.
    platform = await startFaultPlatform({ behindUpstream: ['observations'], env: { SUBGRAPH_BREAKER_MIN_CALLS: '10' } });
  });
  afterAll(async () => {
    await platform?.stop();
  });

  it('answers the code table fresh, without a stale flag, while observations is up', async () => {
    const response = await platform.admin(CODES);
    expect(response.errors).toBeUndefined();
    expect(response.data?.vitalSignCodes.length).toBeGreaterThan(0);
    expect((response as Answer).extensions).toBeUndefined();
    fresh = response.data;
  });

  it('retries a query on 503 (with backoff) but sends a mutation once', async () => {
    const upstream = platform.upstream('observations');
    upstream.fault = 'error-503';
    upstream.requests = 0;
    await platform.admin(CODES);
    expect(upstream.requests).toBe(3); // the first try and SUBGRAPH_RETRIES (2) retries

    upstream.requests = 0;
    upstream.operations = [];
    const organization = platform.plan.organizations[0]!.id;
    // A device that measures heart rate: ingestion refuses readings a device could not have taken.
    const device = platform.plan.devices.find((d) => d.organizationId === organization && d.assignedPatientId && measuresHeartRate(d))!;
    const asDevice = await platform.as({ role: 'device', sub: device.id, org: organization, device: device.id });
    const input = [{ idempotencyKey: 'fault-1', patientId: device.assignedPatientId, deviceId: device.id, code: '8867-4', value: 72, unit: '/min', effectiveAt: new Date().toISOString() }];
    const response = await asDevice(RECORD, { input });
    expect(upstream.requests).toBe(1);
    expect(upstream.operations[0]).toMatch(/^mutation/);
    expectUnavailable(response, 'observations', ['recordObservations']);
    expect(response.errors?.[0]?.message).toMatch(/may or may not have been applied/);
  });

  it('serves the last good answer, flagged stale, while observations cannot answer', async () => {
    platform.upstream('observations').fault = 'error-500';
    const response = (await platform.admin(CODES)) as Answer;
    expect(response.errors).toBeUndefined();
    expect(response.data).toEqual(fresh);
    expect(response.extensions?.stale).toEqual([{ service: 'observations', path: ['vitalSignCodes'], asOf: expect.any(String) }]);
    expectNoLeak(response);
  });

  it('never serves it to a caller with other permissions than the one it was fetched for', async () => {
    const organization = platform.plan.organizations[0]!;
    const clinician = await platform.as({ role: 'clinician', sub: organization.clinicians[0]!, org: organization.id, mfa: true });
    const response = await clinician(CODES);
    // Contract v2: the root field is nullable, so the answer is data with that field null.
    expect(response.data).toEqual({ vitalSignCodes: null });
    expectUnavailable(response, 'observations', ['vitalSignCodes']);
  });

  it('keeps serving it while the circuit is open, and answers fresh again after recovery', async () => {
    const opened = await eventually(async () => {
      await platform.admin(`{ observation(id: "00000000-0000-4000-8000-000000000000") { id } }`);
      return (await platform.readyz()).body.checks.subgraphs.observations === 'open';
    });
    expect(opened).toBe(true);
    const stale = (await platform.admin(CODES)) as Answer;
    expect(stale.data).toEqual(fresh);
    expect(stale.extensions?.stale).toHaveLength(1);

    platform.upstream('observations').fault = 'pass';
    const recovered = await eventually(async () => {
      const response = (await platform.admin(CODES)) as Answer;
      return response.errors === undefined && response.extensions === undefined;
    });
    expect(recovered).toBe(true);
  });
});
