import { randomBytes, randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  AuditIntegrity,
  AuditLog,
  auditMigrations,
  bindAuditIntegrity,
  inProcessTransport,
  servedTrailPage,
  type AuditEntry,
  type Db,
  type RequestInfo,
  type SubgraphTransport,
  type TrailPageRequest,
} from '@caregraph/platform';
import { MalformedTrailCall, parseTrailPage, parseTrailPageRequest } from '../../../platform/src/audit/trail-wire.ts';
import { migratedDatabase } from '../../../test/support/domain-database.ts';
import { createAuditSubgraph } from '../src/index.ts';

const ORG = randomUUID();
const OTHER_ORG = randomUUID();
const PATIENT_A = randomUUID();
const PATIENT_B = randomUUID();

type Outcome = AuditEntry['outcome'];

function entry(outcome: Outcome, resourceType: string, patientId: string, actor: string, organizationId = ORG): AuditEntry {
  return {
    action: outcome === 'denied' ? 'deny' : 'read',
    outcome,
    resourceType,
    resourceId: patientId,
    patientId,
    fields: ['id'],
    actor: { sub: actor, role: 'clinician', organizationId, clientId: null },
    requestId: randomUUID(),
    traceId: null,
    sourceAddress: null,
    userAgent: null,
  };
}

/** A domain with a database of its own, reached as over HTTP: the request and the page go through the wire format. */
function peerOverTheWire(db: Db, change: (request: TrailPageRequest) => TrailPageRequest = (request) => request): SubgraphTransport {
  return {
    name: 'observations',
    execute: async () => ({ data: null }),
    readTrail: async (request) => {
      const received = change(parseTrailPageRequest(JSON.parse(JSON.stringify(request))));
      return parseTrailPage(JSON.parse(JSON.stringify(await servedTrailPage(db, received))));
    },
  };
}

interface Node {
  outcome: string;
  actor: string;
  resourceType: string;
  patientId: string;
}
interface Answer {
  data?: { auditEvents: { edges: { cursor: string; node: Node }[]; pageInfo: { hasNextPage: boolean; endCursor: string | null } } | null } | null;
  errors?: { message: string; extensions?: Record<string, unknown> }[];
}

const EVENTS = `query ($outcome: AuditOutcome, $patientId: ID, $actor: ID, $first: Int, $after: String) {
  auditEvents(outcome: $outcome, patientId: $patientId, actor: $actor, first: $first, after: $after) {
    edges { cursor node { outcome actor resourceType patientId } }
    pageInfo { hasNextPage endCursor }
  }
}`;

const auditor: RequestInfo = {
  requestId: 'req-auditor',
  token: null,
  viewer: { sub: 'auditor-1', role: 'auditor', organizationId: ORG, scopes: [], patientId: null, deviceId: null, mfa: true, clientId: null },
};

/**
 * `auditEvents(outcome:)` filters the trail in the data layer: in this database's read and in the
 * `/audit-trail` page each domain with a database of its own serves, so the merged trail holds
 * only the events asked for, with any other filter, page after page.
 */
describe('auditEvents(outcome:) across the domains’ databases (real database)', () => {
  let audit: Awaited<ReturnType<typeof migratedDatabase>>;
  let observations: Awaited<ReturnType<typeof migratedDatabase>>;
  let trail: SubgraphTransport;
  const noPatients: SubgraphTransport = { name: 'patients', execute: async () => ({ data: null }) };
  const query = async (variables: Record<string, unknown>, via = trail) => (await via.execute({ query: EVENTS, variables }, auditor)) as Answer;
  const nodes = (answer: Answer) => {
    expect(answer.errors).toBeUndefined();
    return answer.data!.auditEvents!.edges.map((edge) => edge.node);
  };

  beforeAll(async () => {
    [audit, observations] = await Promise.all([migratedDatabase(auditMigrations), migratedDatabase(auditMigrations)]);
    for (const database of [audit, observations]) bindAuditIntegrity(database.db, new AuditIntegrity(randomBytes(32), { checkpointsFile: null }));
    await new AuditLog(audit.db, 'patients').append([
      entry('success', 'Patient', PATIENT_A, 'clinician-1'),
      entry('denied', 'Patient', PATIENT_A, 'clinician-2'),
      entry('failure', 'Patient', PATIENT_B, 'admin-1'),
      entry('denied', 'Patient', PATIENT_B, 'clinician-9', OTHER_ORG), // another organization's: never shown
    ]);
    await new AuditLog(observations.db, 'observations').append([
      entry('denied', 'Observation', PATIENT_A, 'clinician-1'),
      entry('success', 'Observation', PATIENT_B, 'clinician-2'),
      entry('denied', 'Observation', PATIENT_B, 'clinician-2'),
    ]);
    trail = inProcessTransport(createAuditSubgraph({ db: audit.db, patients: noPatients, trailPeers: [peerOverTheWire(observations.db)] }));
  });
  afterAll(async () => {
    await Promise.all([audit?.dispose(), observations?.dispose()]);
  });

  it('returns only the denied events, from every database', async () => {
    const denied = nodes(await query({ outcome: 'DENIED' }));
    expect(denied.map((node) => node.outcome)).toEqual(['DENIED', 'DENIED', 'DENIED']);
    expect(denied.map((node) => [node.resourceType, node.patientId, node.actor]).sort()).toEqual(
      [
        ['Observation', PATIENT_A, 'clinician-1'],
        ['Observation', PATIENT_B, 'clinician-2'],
        ['Patient', PATIENT_A, 'clinician-2'],
      ].sort(),
    );
  });

  it('combines with the patient and actor filters (every filter given must hold)', async () => {
    const ofPatientA = nodes(await query({ outcome: 'DENIED', patientId: PATIENT_A }));
    expect(ofPatientA.map((node) => [node.resourceType, node.actor]).sort()).toEqual([
      ['Observation', 'clinician-1'],
      ['Patient', 'clinician-2'],
    ]);
    const byClinician2 = nodes(await query({ outcome: 'DENIED', actor: 'clinician-2' }));
    expect(byClinician2.map((node) => [node.resourceType, node.patientId]).sort()).toEqual([
      ['Observation', PATIENT_B],
      ['Patient', PATIENT_A],
    ]);
    expect(nodes(await query({ outcome: 'DENIED', actor: 'clinician-2', patientId: PATIENT_B }))).toEqual([
      { outcome: 'DENIED', actor: 'clinician-2', resourceType: 'Observation', patientId: PATIENT_B },
    ]);
    expect(nodes(await query({ outcome: 'FAILURE' }))).toEqual([{ outcome: 'FAILURE', actor: 'admin-1', resourceType: 'Patient', patientId: PATIENT_B }]);
    expect(nodes(await query({ outcome: 'FAILURE', actor: 'clinician-1' }))).toEqual([]);
  });

  it('keeps the filter from page to page of the merged trail', async () => {
    const first = await query({ outcome: 'DENIED', first: 2 });
    const second = await query({ outcome: 'DENIED', first: 2, after: first.data!.auditEvents!.pageInfo.endCursor });
    expect(first.data!.auditEvents!.pageInfo.hasNextPage).toBe(true);
    expect(second.data!.auditEvents!.pageInfo.hasNextPage).toBe(false);
    const paged = [...nodes(first), ...nodes(second)];
    expect(paged).toEqual(nodes(await query({ outcome: 'DENIED' })));
  });

  it('without it, returns every outcome', async () => {
    const outcomes = new Set(nodes(await query({ first: 100 })).map((node) => node.outcome));
    expect([...outcomes].sort()).toEqual(['DENIED', 'FAILURE', 'SUCCESS']);
  });

  it('refuses a value that is not an AuditOutcome, and reads nothing', async () => {
    const literal = (await trail.execute({ query: '{ auditEvents(outcome: ALLOWED) { edges { cursor } } }' }, auditor)) as Answer;
    expect(literal.data).toBeUndefined();
    expect(literal.errors?.[0]?.message).toMatch(/AuditOutcome/);
    // The enum's names, not the stored form: a lower-case value is no outcome.
    const lowerCase = await query({ outcome: 'denied' });
    expect(lowerCase.data ?? null).toBeNull();
    expect(lowerCase.errors).toHaveLength(1);
  });

  it('refuses, on the wire, a trail call whose outcome is not one the trail stores', () => {
    const call = (outcome: unknown) => parseTrailPageRequest({ filter: { outcome }, limit: 10, after: null });
    expect(call('denied').filter.outcome).toBe('denied');
    expect(call(null).filter.outcome).toBeUndefined();
    for (const outcome of ['DENIED', 'allowed', '', 3, ['denied']]) expect(() => call(outcome), JSON.stringify(outcome)).toThrow(MalformedTrailCall);
  });

  it('fails, rather than show other outcomes, when a domain ignores the filter (a version from before it)', async () => {
    const beforeTheFilter = peerOverTheWire(observations.db, ({ filter: { outcome: _unknownToIt, ...filter }, ...request }) => ({ ...request, filter }));
    const older = inProcessTransport(createAuditSubgraph({ db: audit.db, patients: noPatients, trailPeers: [beforeTheFilter] }));
    const answer = await query({ outcome: 'DENIED' }, older);
    expect(answer.data?.auditEvents).toBeNull();
    expect(answer.errors?.[0]?.extensions?.code).toBe('SERVICE_UNAVAILABLE');
    expect(nodes(await query({}, older)).length).toBeGreaterThan(0); // unfiltered, its page is the page asked for
  });
});
