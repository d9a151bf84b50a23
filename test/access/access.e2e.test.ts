import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectErrorsAtTheirFields } from '../support/partial-results.ts';
import { MODES, startTestPlatform, type TestPlatform } from '../support/platform.ts';
import { bearer, tokenFor } from '../support/tokens.ts';
import { expectAuditedOnce } from './audit-expectations.ts';
import { READ_MATRIX, WRITE_MATRIX } from './matrix.ts';
import { classify, READS, WRITES, type Operation } from './operations.ts';
import { claimsOf, phiOf, PRINCIPALS, SEES_PHI, targetsOf, type Principal, type Targets } from './principals.ts';

describe.each(MODES)('access matrix through the router (%s)', (mode) => {
  let platform: TestPlatform;
  let targets: Targets;
  const headers = new Map<Principal, Record<string, string>>();

  beforeAll(async () => {
    platform = await startTestPlatform(mode);
    targets = targetsOf(platform.plan);
    for (const principal of PRINCIPALS) {
      const claims = claimsOf(principal, platform.plan, targets);
      headers.set(principal, claims ? bearer(await tokenFor(claims)) : {});
    }
  });
  afterAll(async () => {
    await platform?.stop();
  });

  async function run(principal: Principal, name: string, operation: Operation) {
    const tag = `${mode}-${principal}-${name}`;
    const requestId = randomUUID();
    const response = await platform.query(operation.query, operation.variables(targets, tag), { ...headers.get(principal), 'x-request-id': requestId });
    return { response, requestId, outcome: classify(operation, targets, response) };
  }

  /**
   * Every cell's request is audited exactly once per patient touched. Checked wherever the test
   * can read the stored trail: in-process, and distributed on a PostgreSQL server (CI runs both).
   */
  async function expectAudited(principal: Principal, requestId: string, outcome: string, operation: Operation) {
    if (!platform.auditTrail) return;
    const events = await platform.auditTrail.eventsOf(requestId);
    const claims = claimsOf(principal, platform.plan, targets);
    expectAuditedOnce(events, { outcome, reads: operation.audited?.(targets) ?? [], actorSub: claims?.sub ?? null, phi: phiOf(targets) });
  }

  describe('reads', () => {
    for (const principal of PRINCIPALS) {
      for (const [name, operation] of Object.entries(READS) as [keyof typeof READS, Operation][]) {
        const expected = READ_MATRIX[principal][name];
        it(`${principal} × ${operation.describes} → ${expected}`, async () => {
          const { response, requestId, outcome } = await run(principal, name, operation);
          expect(outcome).toBe(expected);
          expectErrorsAtTheirFields(response);
          await expectAudited(principal, requestId, outcome, operation);
          if (!SEES_PHI.has(principal)) {
            const body = JSON.stringify(response);
            for (const value of phiOf(targets)) expect(body).not.toContain(value);
          }
        });
      }
    }
  });

  describe('writes', () => {
    for (const [principal, row] of Object.entries(WRITE_MATRIX) as [Principal, Record<string, string>][]) {
      for (const [name, expected] of Object.entries(row)) {
        const operation = (WRITES as Record<string, Operation>)[name]!;
        it(`${principal} × ${operation.describes} → ${expected}`, async () => {
          const { response, requestId, outcome } = await run(principal, name, operation);
          expect(outcome).toBe(expected);
          expectErrorsAtTheirFields(response);
          await expectAudited(principal, requestId, outcome, operation);
        });
      }
    }
  });
});
