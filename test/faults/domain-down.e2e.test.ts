import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database, DemoPlan } from '@caregraph/platform';
import { serverUrl } from '../support/database.ts';
import { eventually } from '../support/eventually.ts';
import type { GraphQLResponse } from '../support/graphql-client.ts';
import { expectErrorsAtTheirFields } from '../support/partial-results.ts';
import { startTestPlatform, type GraphQLClient } from '../support/platform.ts';
import { PROCESS_TEST_TIMEOUT_MS } from '../support/platform-process.ts';
import { expectNoLeak } from './support/assertions.ts';
import { startFaultPlatform } from './support/fault-platform.ts';

/**
 * Contract v2: with one domain down, a query across all of them still gets every other domain's
 * fields; the down domain's fields are null with an error at their path. The README's dashboard
 * query, with the lists and the device beside it.
 */
const DASHBOARD = /* GraphQL */ `
  query DashboardAcrossDomains($patient: ID!, $device: ID!) {
    patient(id: $patient) {
      name { text }
      ageBand
      devices { kind serialNumber }
      latestVitals { code value unit }
      accessLog(first: 1) { edges { node { action } } }
    }
    patients(first: 3) { edges { node { id name { text } devices { kind } latestVitals { code } } } }
    device(id: $device) {
      kind
      assignedPatient { id name { text } }
      observations(first: 1) { edges { node { value } } }
    }
  }
`;

type Domain = 'patients' | 'devices' | 'observations';
const DOMAINS: Domain[] = ['patients', 'devices', 'observations'];

interface DownPlatform {
  plan: DemoPlan;
  /** Every domain writes its audit events to one database (else the trail spans a database per domain). */
  sharedDatabase: boolean;
  admin: GraphQLClient;
  takeDown(domain: Domain): Promise<void>;
  bringBack(domain: Domain): Promise<void>;
  stop(): Promise<void>;
}

/** In one process a domain is down when its storage is: its schema is renamed away, then back. */
async function inProcess(): Promise<DownPlatform> {
  const platform = await startTestPlatform('in-process');
  const database = platform.database as Database;
  return {
    plan: platform.plan,
    sharedDatabase: true,
    admin: platform.admin,
    takeDown: async (domain) => void (await database.db.execute(sql.raw(`alter schema ${domain} rename to ${domain}_down`))),
    bringBack: async (domain) => void (await database.db.execute(sql.raw(`alter schema ${domain}_down rename to ${domain}`))),
    stop: () => platform.stop(),
  };
}

/**
 * Distributed, a domain is down when its process is: killed, then started again. Back means the
 * router uses it again: its circuit, opened by the failures, closes after a half-open probe.
 */
async function distributed(): Promise<DownPlatform> {
  const platform = await startFaultPlatform();
  const plan = platform.plan;
  const bringBack = async (domain: Domain) => {
    await platform.restart(domain);
    const served = await eventually(async () => (await platform.admin(DASHBOARD, targetsOf(plan))).errors === undefined, 30_000, 200);
    expect(served, `${domain} serves again after its restart`).toBe(true);
  };
  // On a server every process shares the test database; embedded, each has its own.
  return { plan, sharedDatabase: Boolean(serverUrl()), admin: platform.admin, takeDown: platform.kill, bringBack, stop: platform.stop };
}

/** A patient of the admin's organization with a device assigned (so every domain has data for them). */
function targetsOf(plan: DemoPlan) {
  const organization = plan.organizations[0]!.id;
  const device = plan.devices.find((d) => d.organizationId === organization && d.assignedPatientId)!;
  return { patient: device.assignedPatientId!, device: device.id };
}

/** The error at exactly `path`, which the answer must carry for a field of the down domain. */
function expectFailedAt(response: GraphQLResponse, path: (string | number)[]) {
  const error = response.errors?.find((e) => JSON.stringify(e.path) === JSON.stringify(path));
  expect(error, `an error at ${path.join('.')} in ${JSON.stringify(response.errors)}`).toBeDefined();
  expect(['SERVICE_UNAVAILABLE', 'INTERNAL']).toContain(error!.extensions?.code);
}

/**
 * The patient's access log is the audit domain's, read from every domain's events: where a down
 * domain's events are in a database of its own, the log cannot be complete, and it is null with an
 * error rather than shown with a gap; where the database is shared, it is served.
 */
function expectAccessLog(response: GraphQLResponse, sharedDatabase: boolean) {
  if (sharedDatabase) {
    expect(response.data!.patient.accessLog.edges).toEqual(expect.any(Array));
  } else {
    expect(response.data!.patient.accessLog).toBeNull();
    expectFailedAt(response, ['patient', 'accessLog']);
  }
}

/** What each domain's failure leaves: the other domains' fields, served. */
const EXPECTATIONS: Record<Domain, (response: GraphQLResponse, sharedDatabase: boolean) => void> = {
  patients(response) {
    const data = response.data!;
    expect(data.patient).toBeNull();
    expect(data.patients).toBeNull();
    expectFailedAt(response, ['patient']);
    expectFailedAt(response, ['patients']);
    expect(data.device.kind).toEqual(expect.any(String));
    expect(data.device.observations.edges.length).toBeGreaterThan(0);
    // The reference stands (its id is the devices domain's); the patient's own fields are null.
    expect(data.device.assignedPatient).toMatchObject({ id: expect.any(String), name: null });
  },
  devices(response, sharedDatabase) {
    const data = response.data!;
    expect(data.patient.name.text).toEqual(expect.any(String));
    expect(data.patient.ageBand).toEqual(expect.any(String));
    expect(data.patient.latestVitals.length).toBeGreaterThan(0);
    expectAccessLog(response, sharedDatabase);
    expect(data.patient.devices).toBeNull();
    expectFailedAt(response, ['patient', 'devices']);
    expect(data.patients.edges).toHaveLength(3);
    for (const edge of data.patients.edges) {
      expect(edge.node.name.text).toEqual(expect.any(String));
      expect(edge.node.devices).toBeNull();
      expect(edge.node.latestVitals).toEqual(expect.any(Array));
    }
    expect(data.device).toBeNull();
    expectFailedAt(response, ['device']);
  },
  observations(response, sharedDatabase) {
    const data = response.data!;
    expect(data.patient.name.text).toEqual(expect.any(String));
    expect(data.patient.devices.length).toBeGreaterThan(0);
    expectAccessLog(response, sharedDatabase);
    expect(data.patient.latestVitals).toBeNull();
    expectFailedAt(response, ['patient', 'latestVitals']);
    expect(data.patients.edges).toHaveLength(3);
    for (const edge of data.patients.edges) {
      expect(edge.node.name.text).toEqual(expect.any(String));
      expect(edge.node.devices).toEqual(expect.any(Array));
      expect(edge.node.latestVitals).toBeNull();
    }
    expect(data.device.kind).toEqual(expect.any(String));
    expect(data.device.assignedPatient.name.text).toEqual(expect.any(String));
    expect(data.device.observations).toBeNull();
    expectFailedAt(response, ['device', 'observations']);
  },
};

describe.each([
  ['in-process', inProcess],
  ['distributed', distributed],
] as const)('one domain down, the others served (%s)', (_mode, start) => {
  let platform: DownPlatform;
  let variables: { patient: string; device: string };
  beforeAll(async () => {
    platform = await start();
    variables = targetsOf(platform.plan);
  });
  afterAll(async () => {
    await platform?.stop();
  });

  it('serves the whole query while every domain is up', async () => {
    const response = await platform.admin(DASHBOARD, variables);
    expect(response.errors).toBeUndefined();
    expect(response.data!.patient.devices.length).toBeGreaterThan(0);
    expect(response.data!.device.observations.edges.length).toBeGreaterThan(0);
  });

  for (const domain of DOMAINS) {
    it(
      `with ${domain} down, serves the other domains' fields and nulls only ${domain}'s`,
      async () => {
        await platform.takeDown(domain);
        try {
          const response = await platform.admin(DASHBOARD, variables);
          expect(response.status).toBe(200);
          EXPECTATIONS[domain](response, platform.sharedDatabase);
          expectErrorsAtTheirFields(response);
          expectNoLeak(response);
        } finally {
          await platform.bringBack(domain);
        }
      },
      PROCESS_TEST_TIMEOUT_MS,
    );
  }
});
