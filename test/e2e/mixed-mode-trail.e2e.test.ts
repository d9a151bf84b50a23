import { randomUUID } from 'node:crypto';
import { resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { planDemoData, readServiceConfig, SMALL_DEMO } from '@caregraph/platform';
import { runSubgraph } from '../../platform/src/host/run-subgraph.ts';
import { observationsService } from '@caregraph/observations/service';
import { startPlatform, type RunningPlatform } from '@caregraph/router/platform';
import { auditEventsOf } from '../support/audit-events.ts';
import { auditTrailReader } from '../support/audit-trail.ts';
import { createTestDatabase, type TestDatabase } from '../support/database.ts';
import { postGraphQL } from '../support/graphql-client.ts';
import { bearer, testPlatformEnv, tokenFor } from '../support/tokens.ts';

const ROOT = resolve(import.meta.dirname, '../..');
const plan = planDemoData(SMALL_DEMO);
const patient = plan.patients[0]!;
const organization = plan.organizations[0]!;

/**
 * Mixed mode: the router hosts some subgraphs (the audit domain among them) and reaches one,
 * observations, over HTTP, where it runs on a database of its own. What observations disclosed is
 * in its database only; `auditEvents` must still show it (or refuse), never a trail without it.
 */
describe('the audit trail in mixed mode (observations on its own database)', () => {
  let routerDb: TestDatabase;
  let observationsDb: TestDatabase;
  let observations: { url: string; stop(): Promise<void> };
  let platform: RunningPlatform;

  beforeAll(async () => {
    routerDb = await createTestDatabase();
    observationsDb = await createTestDatabase();
    const env = testPlatformEnv({ url: undefined }, { SUPERGRAPH_CONFIG: resolve(ROOT, 'supergraph.yaml') });
    observations = await runSubgraph(observationsService, { ...env, PORT: '0', ...(observationsDb.url ? { DATABASE_URL: observationsDb.url } : {}) });
    platform = await startPlatform(
      readServiceConfig({ ...env, PORT: '0', OBSERVATIONS_SUBGRAPH_URL: observations.url, ...(routerDb.url ? { DATABASE_URL: routerDb.url } : {}) }, { port: 0 }),
    );
  }, 240_000);

  afterAll(async () => {
    await platform?.stop();
    await observations?.stop();
    await routerDb?.drop();
    await observationsDb?.drop();
  });

  it('shows the observations domain’s reads in auditEvents', async () => {
    expect(platform.mode).toBe('mixed');
    const sub = `admin-${randomUUID()}`;
    const admin = bearer(await tokenFor({ role: 'org_admin', sub, org: organization.id, mfa: true }));
    const read = await postGraphQL(platform.url, 'query ($p: ID!) { patient(id: $p) { id latestVitals { code } } }', { p: patient.id }, admin);
    expect(read.errors).toBeUndefined();
    // What observations disclosed is in its own database (it is written before the answer leaves).
    if (observationsDb.url) {
      const stored = auditTrailReader(null, [observationsDb.url])!;
      const requestId = read.headers.get('x-request-id') ?? '';
      try {
        expect((await stored.eventsOf(String(requestId))).map((event) => event.resource_type)).toContain('Observation');
      } finally {
        await stored.close();
      }
    }
    expect(read.data!.patient.latestVitals.length).toBeGreaterThan(0);
    const auditorHeaders = bearer(await tokenFor({ role: 'auditor', sub: 'auditor-1', org: organization.id, mfa: true }));
    const auditor = <T,>(query: string, variables?: Record<string, unknown>) => postGraphQL<T>(platform.url, query, variables, auditorHeaders);
    const events = await auditEventsOf(auditor as never, { actor: sub });
    expect(events.map((event) => event.resource_type)).toContain('Observation');
  });

  it('filters by outcome in the observations domain’s own database too (its /audit-trail page)', async () => {
    const sub = `admin-${randomUUID()}`;
    const admin = bearer(await tokenFor({ role: 'org_admin', sub, org: organization.id, mfa: true }));
    expect((await postGraphQL(platform.url, 'query ($p: ID!) { patient(id: $p) { latestVitals { code } } }', { p: patient.id }, admin)).errors).toBeUndefined();
    // An administrator records no readings: observations refuses it, and writes the refusal in its database.
    const record = `mutation ($input: [ObservationInput!]!) { recordObservations(input: $input) { recorded } }`;
    const input = [{ idempotencyKey: 'mixed-1', patientId: patient.id, code: '8867-4', value: 72, unit: '/min', effectiveAt: new Date().toISOString() }];
    expect((await postGraphQL(platform.url, record, { input }, admin)).errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    const auditorHeaders = bearer(await tokenFor({ role: 'auditor', sub: 'auditor-1', org: organization.id, mfa: true }));
    const auditor = <T,>(query: string, variables?: Record<string, unknown>) => postGraphQL<T>(platform.url, query, variables, auditorHeaders);
    const denied = await auditEventsOf(auditor as never, { actor: sub, outcome: 'DENIED' });
    expect(denied).toContainEqual(expect.objectContaining({ resource_type: 'Mutation', fields: ['recordObservations'] }));
    expect(denied.every((event) => event.outcome === 'denied')).toBe(true);
    const served = await auditEventsOf(auditor as never, { actor: sub, outcome: 'SUCCESS' });
    expect(served.map((event) => event.resource_type)).toContain('Observation');
    expect(served.every((event) => event.outcome === 'success')).toBe(true);
  });
});
