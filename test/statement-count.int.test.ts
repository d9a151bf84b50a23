import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { phiKeysFrom, planDemoData, SMALL_DEMO, writeDemoData } from '@caregraph/platform';
import { TEST_KEYS_FILE } from './support/tokens.ts';
import { DOMAIN_SERVICES } from '@caregraph/router/services';
import { startTestPlatform, type TestPlatform } from './support/platform.ts';

const CARE_TEAM_LIST = /* GraphQL */ `
  query CareTeamList($first: Int!) {
    patients(first: $first) {
      edges { node {
        id name { text } careTeam
        devices { id kind assignedPatient { id mrn } }
        latestVitals { code value unit effectiveAt device { id } }
        observations(first: 3) { edges { node { code value } } }
      } }
    }
  }
`;

/**
 * No N+1: every nested list and entity reference goes through a per-request DataLoader, so the
 * number of SQL statements per request does not grow with the number of patients on the page.
 */
describe('SQL statements per request (in-process, real database)', () => {
  let platform: TestPlatform;
  beforeAll(async () => {
    platform = await startTestPlatform('in-process', { demoData: false });
    const plan = planDemoData({ ...SMALL_DEMO, patientsPerOrganization: 60, days: 1, intervalMinutes: 240 });
    await writeDemoData({ db: platform.database!.db, phiKeys: phiKeysFrom({ keysFile: TEST_KEYS_FILE }) }, DOMAIN_SERVICES, plan);
  });
  afterAll(async () => {
    await platform?.stop();
  });

  async function statementsFor(first: number): Promise<number> {
    const counter = platform.database!.statements;
    const before = counter.count;
    const { data, errors } = await platform.admin(CARE_TEAM_LIST, { first });
    expect(errors).toBeUndefined();
    expect(data!.patients.edges).toHaveLength(first);
    for (const { node } of data!.patients.edges) expect(node.devices.length).toBeGreaterThan(0);
    return counter.count - before;
  }

  it('fetching 50 patients with devices and latest vitals issues as many statements as fetching 5', async () => {
    await statementsFor(5); // the first request also creates the access trail's chain head
    const five = await statementsFor(5);
    const fifty = await statementsFor(50);
    expect(fifty).toBe(five);
    // The patients page (which also primes the assignedPatient references), care teams, devices
    // by patient, latest vitals, observation pages: one statement each, whatever the page size;
    // plus the audit trail of the PHI and observation reads, recorded by the router as one batch
    // for all subgraphs (lock the chain head, one multi-row insert, head update, in a transaction).
    // (Fields whose fetches the query planner runs in parallel, such as a Device reference under
    // latestVitals next to Patient.devices, can race the priming of a loader and cost one more
    // statement now and then; that is not per-patient, so such fields are left out here.)
    expect(fifty).toBeLessThanOrEqual(5 + 4);
  });
});
