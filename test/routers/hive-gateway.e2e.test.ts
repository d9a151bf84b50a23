import { randomBytes, randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectAuditedOnce } from '../access/audit-expectations.ts';
import { READ_MATRIX } from '../access/matrix.ts';
import { classify, READS, type Operation } from '../access/operations.ts';
import { claimsOf, phiOf, PRINCIPALS, SEES_PHI, targetsOf, type Principal, type Targets } from '../access/principals.ts';
import { CONTRACT_CASES } from '../e2e/contract-cases.ts';
import { auditEventsOf } from '../support/audit-events.ts';
import type { AuditRow } from '../support/audit-trail.ts';
import { startHiveGateway, type HiveGateway } from '../support/hive-gateway.ts';
import type { GraphQLResponse } from '../support/graphql-client.ts';
import { expectErrorsAtTheirFields } from '../support/partial-results.ts';
import { startTestPlatform, type GraphQLClient, type TestPlatform } from '../support/platform.ts';
import { throughRouterAt } from '../support/through-router.ts';
import { bearer, tokenFor } from '../support/tokens.ts';

/**
 * Another Federation 2 router in front of caregraph's subgraphs, by configuration only: Hive
 * Gateway's own CLI on the committed supergraph.distributed.graphql with the committed
 * deploy/hive-gateway config. The distributed subgraphs run once, caregraph's router in front of
 * them too, so every request can be sent through both and their audit trails compared.
 */

/** The shared secrets the subgraphs accept from a router and from their peers (each run its own). */
const ROUTER_CREDENTIAL = randomBytes(32).toString('base64url');
const PEER_CREDENTIAL = randomBytes(32).toString('base64url');

/** One event as the matrix compares them: everything but when, the chain, and the request's id. */
const cellOf = (e: AuditRow) => [e.action, e.outcome, e.resource_type, e.resource_id ?? '', e.patient_id ?? '', [...e.fields].sort().join(','), e.actor_sub ?? ''].join(' | ');
const cellsOf = (events: AuditRow[]) => events.map(cellOf).sort();

/**
 * A cell's outcome as it arrives through Hive. Hive verifies no tokens (caregraph's router does,
 * answering 401 or 403 before any subgraph runs); the subgraphs refuse instead, so a request
 * refused for its token is HTTP 200 with the refusal at its root field. That is the matrix's
 * `unauth` or `mfa` through a router that leaves authentication to the subgraphs.
 */
function outcomeThroughHive(operation: Operation, targets: Targets, response: GraphQLResponse): string {
  const codes = new Set((response.errors ?? []).map((e) => e.extensions?.code));
  if (response.status === 200 && response.data?.[operation.root] === null && codes.size === 1) {
    if (codes.has('UNAUTHENTICATED')) return 'unauth';
    if (codes.has('MFA_REQUIRED')) return 'mfa';
  }
  return classify(operation, targets, response);
}

describe('Hive Gateway in front of the subgraphs', () => {
  let platform: TestPlatform;
  let hive: HiveGateway;
  let viaHive: TestPlatform;
  let targets: Targets;
  const headers = new Map<Principal, Record<string, string>>();
  const auditors = new Map<string, GraphQLClient>();

  beforeAll(async () => {
    platform = await startTestPlatform('distributed', { env: { ROUTER_CREDENTIAL, PEER_CREDENTIAL } });
    // Hive is given the router credential only: a peer's would let it run internal operations.
    hive = await startHiveGateway(platform.supergraphConfig!, { ROUTER_CREDENTIAL });
    viaHive = await throughRouterAt(platform, hive.url);
    targets = targetsOf(platform.plan);
    for (const principal of PRINCIPALS) {
      const claims = claimsOf(principal, platform.plan, targets);
      headers.set(principal, claims ? bearer(await tokenFor(claims)) : {});
    }
    for (const org of [targets.orgA, targets.orgB]) auditors.set(org, await platform.as({ role: 'auditor', sub: `auditor-hive-${org}`, org, mfa: true }));
  });
  afterAll(async () => {
    await hive?.stop();
    await platform?.stop();
  });

  /**
   * What one request left in the trail: read straight from the database where the test can (a
   * PostgreSQL server), else through `auditEvents` as an auditor of the caller's organization;
   * null when neither can see it (a caller without an organization, on embedded PGlite).
   */
  async function trailOf(requestId: string, principal: Principal): Promise<AuditRow[] | null> {
    if (platform.auditTrail) return platform.auditTrail.eventsOf(requestId);
    const org = claimsOf(principal, platform.plan, targets)?.org;
    const auditor = org ? auditors.get(org) : undefined;
    return auditor ? auditEventsOf(auditor, { requestId }) : null;
  }

  async function run(through: TestPlatform, principal: Principal, name: string, operation: Operation) {
    const requestId = randomUUID();
    const response = await through.query(operation.query, operation.variables(targets, `hive-${principal}-${name}`), { ...headers.get(principal), 'x-request-id': requestId });
    const outcome = through === viaHive ? outcomeThroughHive(operation, targets, response) : classify(operation, targets, response);
    return { response, requestId, outcome };
  }

  describe("the access matrix's read paths, audited as through caregraph's router", () => {
    for (const principal of PRINCIPALS) {
      for (const [name, operation] of Object.entries(READS) as [keyof typeof READS, Operation][]) {
        const expected = READ_MATRIX[principal][name];
        it(`${principal} × ${operation.describes} → ${expected}`, async () => {
          const ours = await run(platform, principal, name, operation);
          const theirs = await run(viaHive, principal, name, operation);
          expect(ours.outcome, "through caregraph's router").toBe(expected);
          expect(theirs.outcome, 'through Hive Gateway').toBe(expected);
          expectErrorsAtTheirFields(theirs.response);
          if (!SEES_PHI.has(principal)) {
            const body = JSON.stringify(theirs.response);
            for (const value of phiOf(targets)) expect(body).not.toContain(value);
          }
          const [ourTrail, theirTrail] = [await trailOf(ours.requestId, principal), await trailOf(theirs.requestId, principal)];
          if (!ourTrail || !theirTrail) return;
          expect(cellsOf(theirTrail), 'the trail through Hive Gateway, event for event').toEqual(cellsOf(ourTrail));
          const claims = claimsOf(principal, platform.plan, targets);
          expectAuditedOnce(theirTrail, { outcome: expected, reads: operation.audited?.(targets) ?? [], actorSub: claims?.sub ?? null, phi: phiOf(targets) });
        });
      }
    }
  });

  describe('merged requests lose no disclosure', () => {
    const CONCURRENT = 20;
    const PHI = READS.patientPhi;

    /** 20 identical reads of P's PHI at once by one caller, through Hive: 20 disclosures in the trail. */
    async function burst(extraHeaders: Record<string, string>) {
      const sub = `admin-burst-${randomUUID()}`;
      const token = bearer(await tokenFor({ role: 'org_admin', sub, org: targets.orgA, mfa: true }));
      const answers = await Promise.all(
        Array.from({ length: CONCURRENT }, () => viaHive.query(PHI.query, PHI.variables(targets), { ...token, ...extraHeaders })),
      );
      for (const answer of answers) {
        expect(answer.errors).toBeUndefined();
        expect(answer.data?.patient?.mrn).toBe(targets.patient.mrn);
      }
      const events = await auditEventsOf(auditors.get(targets.orgA)!, { actor: sub });
      const reads = events.filter((e) => e.action === 'read' && e.resource_type === 'Patient' && e.patient_id === targets.patient.id);
      expect(reads, 'one Patient read event per request').toHaveLength(CONCURRENT);
      expect(new Set(reads.map((e) => e.request_id)).size, 'each under its own request id').toBe(CONCURRENT);
      expect(new Set(answers.map((a) => a.headers.get('x-request-id')))).toEqual(new Set(reads.map((e) => e.request_id)));
      return { sub, events };
    }

    it(`${CONCURRENT} concurrent identical reads by one caller are ${CONCURRENT} events`, async () => {
      const { sub, events } = await burst({});
      // The trail reads the same through auditEvents whichever router the auditor asks through.
      const auditorViaHive = await viaHive.as({ role: 'auditor', sub: `auditor-hive-${targets.orgA}`, org: targets.orgA, mfa: true });
      expect(cellsOf(await auditEventsOf(auditorViaHive, { actor: sub }))).toEqual(cellsOf(events));
    });

    it('a caller sending one x-request-id with all of them cannot fold them into one', async () => {
      const sent = `burst-${randomUUID()}`;
      await burst({ 'x-request-id': sent });
      const byTheirId = await auditEventsOf(auditors.get(targets.orgA)!, { requestId: sent });
      expect(byTheirId.filter((e) => e.action === 'read' && e.resource_type === 'Patient')).toHaveLength(CONCURRENT);
    });
  });

  describe("the API contract's cases", () => {
    for (const contract of CONTRACT_CASES.filter((c) => !c.routerOwn)) it(contract.name, () => contract.run(viaHive, 'hive-gateway'));
  });
});
