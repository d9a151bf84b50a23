import { expect } from 'vitest';
import { DEVICE_KINDS } from '@caregraph/platform';
import type { GraphQLResponse } from '../support/graphql-client.ts';
import { expectErrorsAtTheirFields } from '../support/partial-results.ts';
import type { TestPlatform } from '../support/platform.ts';
import { bearer, tokenFor } from '../support/tokens.ts';

const DASHBOARD = /* GraphQL */ `
  query Dashboard($id: ID!) {
    patient(id: $id) {
      id
      organizationId
      mrn
      name { family given text }
      birthDate
      ageBand
      careTeam
      devices { id kind serialNumber assignedPatient { id } }
      latestVitals { code display value unit effectiveAt device { id } patient { id } }
    }
  }
`;

export interface ContractCase {
  name: string;
  /**
   * Set when the case is about caregraph's own router rather than the API behind any router (why):
   * a test through another router leaves it out.
   */
  routerOwn?: string;
  /** `mode` names the run (it goes into serial numbers and idempotency keys, so runs do not collide). */
  run(platform: TestPlatform, mode: string): Promise<void>;
}

/** API contract v2: what a client can count on, case by case (run through a router by contract.e2e.test.ts). */
export const CONTRACT_CASES: ContractCase[] = [
  {
    name: 'returns a patient with the devices assigned to them and their latest vitals in one request',
    async run(platform) {
      const { plan } = platform;
      const patient = plan.patients[0]!;
      const devices = plan.devices.filter((d) => d.assignedPatientId === patient.id);
      const latest = new Map<string, { value: number; deviceId: string }>();
      for (const o of plan.observations()) if (o.patientId === patient.id) latest.set(o.code, o);

      const { data, errors } = await platform.admin(DASHBOARD, { id: patient.id });
      expect(patient.organizationId).toBe(plan.organizations[0]!.id);

      expect(errors).toBeUndefined();
      expect(data!.patient).toMatchObject({
        id: patient.id,
        organizationId: patient.organizationId,
        mrn: patient.mrn,
        name: { family: patient.family, given: patient.given, text: `${patient.given.join(' ')} ${patient.family}` },
        birthDate: patient.birthDate,
        careTeam: patient.careTeam,
      });
      expect(data!.patient.devices.map((d: { id: string }) => d.id).sort()).toEqual(devices.map((d) => d.id).sort());
      for (const device of data!.patient.devices) expect(device.assignedPatient).toEqual({ id: patient.id });
      const expectedCodes = new Set(devices.flatMap((d) => DEVICE_KINDS[d.kind].vitals.map((v) => v.code)));
      expect(data!.patient.latestVitals.map((v: { code: string }) => v.code).sort()).toEqual([...expectedCodes].sort());
      for (const vital of data!.patient.latestVitals) {
        expect(vital.value).toBe(latest.get(vital.code)!.value);
        expect(vital.patient).toEqual({ id: patient.id });
        expect(vital.display).toEqual(expect.any(String));
        expect(new Date(vital.effectiveAt).getTime()).toBeLessThanOrEqual(plan.now.getTime());
      }
    },
  },
  {
    name: 'returns a device with its assigned patient and its observations, newest first',
    async run(platform) {
      const { plan } = platform;
      const device = plan.devices.find((d) => d.assignedPatientId)!;
      const patient = plan.patients.find((p) => p.id === device.assignedPatientId)!;
      const { data, errors } = await platform.admin(
        `query ($id: ID!) { device(id: $id) {
           id serialNumber kind status lastSeenAt
           assignedPatient { id mrn name { text } }
           observations(first: 3) { edges { cursor node { code value unit effectiveAt device { id } } } pageInfo { hasNextPage endCursor } }
         } }`,
        { id: device.id },
      );
      expect(errors).toBeUndefined();
      expect(data!.device).toMatchObject({
        id: device.id,
        serialNumber: device.serialNumber,
        kind: device.kind,
        status: 'ACTIVE',
        assignedPatient: { id: patient.id, mrn: patient.mrn },
      });
      const edges = data!.device.observations.edges;
      expect(edges).toHaveLength(3);
      const times = edges.map((e: { node: { effectiveAt: string } }) => Date.parse(e.node.effectiveAt));
      expect([...times].sort((a, b) => b - a)).toEqual(times);
      for (const edge of edges) expect(edge.node.device).toEqual({ id: device.id });
      expect(data!.device.observations.pageInfo).toEqual({ hasNextPage: true, endCursor: edges[2].cursor });
    },
  },
  {
    name: 'pages through every patient of the organization exactly once',
    async run(platform) {
      const ownPatients = platform.plan.patients.filter((p) => p.organizationId === platform.plan.organizations[0]!.id);
      const seen: string[] = [];
      let after: string | null = null;
      for (let page = 0; page < 10; page++) {
        const result: GraphQLResponse = await platform.admin(
          `query ($after: String) { patients(first: 10, after: $after) { edges { node { id } } pageInfo { hasNextPage endCursor } } }`,
          { after },
        );
        expect(result.errors).toBeUndefined();
        const connection: { edges: { node: { id: string } }[]; pageInfo: { hasNextPage: boolean; endCursor: string } } = result.data!.patients;
        seen.push(...connection.edges.map((e: { node: { id: string } }) => e.node.id));
        if (!connection.pageInfo.hasNextPage) break;
        after = connection.pageInfo.endCursor;
      }
      expect(seen).toHaveLength(ownPatients.length);
      expect(new Set(seen)).toEqual(new Set(ownPatients.map((p) => p.id)));
    },
  },
  {
    name: 'summarises a vital sign per hour in SQL',
    async run(platform) {
      const { plan } = platform;
      const device = plan.devices.find(
        (d) => d.assignedPatientId && d.kind === 'PULSE_OXIMETER' && d.organizationId === plan.organizations[0]!.id,
      )!;
      const values = [...plan.observations()].filter((o) => o.deviceId === device.id && o.code === '59408-5');
      const { data, errors } = await platform.admin(
        `query ($id: ID!, $from: DateTime!, $to: DateTime!) { patient(id: $id) {
           vitalsSummary(code: "59408-5", from: $from, to: $to, bucket: DAY) { start min max mean count } } }`,
        // The whole demo history (plan.options.days back), and a day more.
        { id: device.assignedPatientId, from: new Date(plan.now.getTime() - (plan.options.days + 1) * 86_400_000).toISOString(), to: new Date(plan.now.getTime() + 60_000).toISOString() },
      );
      expect(errors).toBeUndefined();
      const buckets = data!.patient.vitalsSummary as { min: number; max: number; count: number }[];
      const samePatientValues = [...plan.observations()].filter(
        (o) => o.patientId === device.assignedPatientId && o.code === '59408-5',
      );
      expect(buckets.reduce((n, b) => n + b.count, 0)).toBe(samePatientValues.length);
      expect(Math.min(...buckets.map((b) => b.min))).toBe(Math.min(...samePatientValues.map((o) => o.value)));
      expect(Math.max(...buckets.map((b) => b.max))).toBe(Math.max(...samePatientValues.map((o) => o.value)));
      expect(values.length).toBeGreaterThan(0);
    },
  },
  {
    name: 'answers an unknown or malformed id with null and NOT_FOUND, keeping the rest of the response',
    async run(platform) {
      const { data, errors } = await platform.admin(
        `{ missing: patient(id: "00000000-0000-4000-8000-000000000000") { id }
           malformed: device(id: "not-an-id") { id }
           patients(first: 1) { edges { node { id } } } }`,
      );
      expect(data!.missing).toBeNull();
      expect(data!.malformed).toBeNull();
      expect(data!.patients.edges).toHaveLength(1);
      expect(errors!.map((e) => [e.path, e.extensions?.code])).toEqual(
        expect.arrayContaining([
          [['missing'], 'NOT_FOUND'],
          [['malformed'], 'NOT_FOUND'],
        ]),
      );
    },
  },
  // Contract v2: a field the caller may not see is null with FORBIDDEN at its path; its record stands.
  {
    name: 'keeps the record when one of its fields is refused, for every kind of refusal',
    async run(platform, mode) {
      const { plan } = platform;
      const organization = plan.organizations[0]!.id;
      const device = plan.devices.find((d) => d.organizationId === organization && d.assignedPatientId)!;
      const patientId = device.assignedPatientId!;
      const cases: { who: Parameters<TestPlatform['as']>[0]; query: string; kept: (data: any) => unknown; refused: (string | number)[] }[] = [
        {
          // An integrator with PHI access but no right to the accounting of disclosures.
          who: { role: 'integrator', sub: 'ehr-v2', org: organization, scope: 'patients:read:phi observations:read' },
          query: `query ($p: ID!) { patient(id: $p) { id name { text } latestVitals { code } accessLog(first: 1) { edges { node { action } } } } }`,
          kept: (data) => data.patient.name.text,
          refused: ['patient', 'accessLog'],
        },
        {
          // De-identified: the device stands, its serial number (an identifier) does not.
          who: { role: 'analyst', sub: 'analyst-v2' },
          query: `query ($d: ID!) { device(id: $d) { id kind serialNumber } }`,
          kept: (data) => data.device.kind,
          refused: ['device', 'serialNumber'],
        },
        {
          // A write-only integrator registers a device: it is registered (its id comes back), but the
          // integrator may not read device details.
          who: { role: 'integrator', sub: 'writer-v2', org: organization, scope: 'devices:write' },
          query: `mutation { registerDevice(input: { serialNumber: "SN-V2-${mode}", kind: THERMOMETER }) { id kind } }`,
          kept: (data) => data.registerDevice.id,
          refused: ['registerDevice', 'kind'],
        },
        {
          // A patient-records integrator without the devices scope: the patient stands without devices.
          who: { role: 'integrator', sub: 'records-v2', org: organization, scope: 'patients:read' },
          query: `query ($p: ID!) { patient(id: $p) { id ageBand devices { id } } }`,
          kept: (data) => data.patient.ageBand,
          refused: ['patient', 'devices'],
        },
      ];
      for (const { who, query, kept, refused } of cases) {
        const client = await platform.as(who);
        const response = await client(query, { p: patientId, d: device.id });
        expect(kept(response.data), `${who.role} ${who.scope ?? ''}: the record stands`).toBeTruthy();
        const error = response.errors?.find((e) => JSON.stringify(e.path) === JSON.stringify(refused));
        expect(error?.extensions?.code, `${refused.join('.')} refused`).toBe('FORBIDDEN');
        expectErrorsAtTheirFields(response);
      }
    },
  },
  {
    name: 'rejects invalid arguments with BAD_USER_INPUT naming the field',
    async run(platform) {
      const tooMany = await platform.admin(`{ patients(first: 101) { edges { node { id } } } }`);
      expect(tooMany.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'first' });
      expect(tooMany.errors?.[0]?.message).toContain('"first"');

      const badCursor = await platform.admin(`{ devices(after: "garbage") { edges { node { id } } } }`);
      expect(badCursor.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'after' });
      // Well formed, but its instant is a string a lenient date parser reads as the year 10000.
      const stretched = Buffer.from(JSON.stringify(['Jan-1-10000', '0d7f3c1a-2b4e-4c6d-8e9f-0a1b2c3d4e5f'])).toString('base64url');
      const forged = await platform.admin(`query ($a: String) { patients(first: 2, after: $a) { edges { cursor } } devices(first: 2, after: $a) { edges { cursor } } }`, { a: stretched });
      // (in either order: the two domains answer in parallel)
      expect(forged.errors?.map((e) => [e.path, e.extensions?.code, e.extensions?.field])).toEqual(
        expect.arrayContaining([
          [['patients'], 'BAD_USER_INPUT', 'after'],
          [['devices'], 'BAD_USER_INPUT', 'after'],
        ]),
      );
      expect(forged.errors).toHaveLength(2);

      const patientId = platform.plan.patients[0]!.id;
      const badRange = await platform.admin(
        `query ($id: ID!) { patient(id: $id) { id vitalsSummary(code: "8867-4", from: "2026-01-02T00:00:00Z", to: "2026-01-01T00:00:00Z", bucket: HOUR) { count } } }`,
        { id: patientId },
      );
      expect(badRange.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'to' });

      const badTime = await platform.admin(
        `query ($id: ID!, $from: DateTime!) { patient(id: $id) { vitalsSummary(code: "8867-4", from: $from, to: "2026-01-01T00:00:00Z", bucket: HOUR) { count } } }`,
        { id: patientId, from: '2026-01-01 00:00' },
      );
      expect(badTime.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
      expect(badTime.errors?.[0]?.message).toContain('RFC 3339');
    },
  },
  {
    name: 'refuses a caller without a token with 401, reads and writes alike',
    routerOwn: 'a router that verifies tokens answers 401 before any subgraph runs',
    async run(platform) {
      for (const operation of ['{ patients { edges { node { id } } } }', 'mutation { unassignDevice(deviceId: "x") { id } }']) {
        const { status, data, errors } = await platform.query(operation);
        expect(status).toBe(401);
        expect(data).toBeUndefined();
        expect(errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
      }
    },
  },
  {
    name: 'registers and assigns a device, recording readings from it',
    async run(platform, mode) {
      const { plan } = platform;
      const patient = plan.patients[1]!;
      const serialNumber = `SN-E2E-${mode}`;
      const registered = await platform.admin(
        `mutation ($serial: String!) { registerDevice(input: { serialNumber: $serial, kind: PULSE_OXIMETER, model: "OxiSense 300" }) { id status organizationId assignedPatient { id } } }`,
        { serial: serialNumber },
      );
      expect(registered.errors).toBeUndefined();
      const device = registered.data!.registerDevice;
      expect(device).toMatchObject({ status: 'ACTIVE', organizationId: patient.organizationId, assignedPatient: null });

      const duplicate = await platform.admin(
        `mutation ($serial: String!) { registerDevice(input: { serialNumber: $serial, kind: THERMOMETER }) { id } }`,
        { serial: serialNumber },
      );
      expect(duplicate.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.serialNumber' });

      const assigned = await platform.admin(
        `mutation ($device: ID!, $patient: ID!) { assignDevice(deviceId: $device, patientId: $patient) { assignedPatient { id mrn } } }`,
        { device: device.id, patient: patient.id },
      );
      expect(assigned.errors).toBeUndefined();
      expect(assigned.data!.assignDevice.assignedPatient).toEqual({ id: patient.id, mrn: patient.mrn });

      const asDevice = await platform.as({ role: 'device', sub: `device:${device.id}`, org: patient.organizationId, device: device.id });
      const reading = { idempotencyKey: `e2e-${mode}-1`, patientId: patient.id, code: '59408-5', value: 97, unit: '%', effectiveAt: new Date(Date.now() - 60_000).toISOString() };
      const RECORD = `mutation ($input: [ObservationInput!]!) { recordObservations(input: $input) { recorded duplicates observations { id value device { id } } } }`;
      const beforeReading = Date.now() - 1_000;
      const neverSeen = await platform.admin(`query ($d: ID!) { device(id: $d) { lastSeenAt } }`, { d: device.id });
      expect(neverSeen.data!.device.lastSeenAt).toBeNull();
      const first = await asDevice(RECORD, { input: [reading] });
      expect(first.errors).toBeUndefined();
      expect(first.data!.recordObservations).toMatchObject({ recorded: 1, duplicates: 0, observations: [{ value: 97, device: { id: device.id } }] });
      // The device was heard from: its lastSeenAt moved to the time of ingestion.
      const seen = await platform.admin(`query ($d: ID!) { device(id: $d) { lastSeenAt } }`, { d: device.id });
      expect(Date.parse(seen.data!.device.lastSeenAt)).toBeGreaterThanOrEqual(beforeReading);
      const retry = await asDevice(RECORD, { input: [reading] });
      expect(retry.data!.recordObservations).toMatchObject({ recorded: 0, duplicates: 1 });
      expect(retry.data!.recordObservations.observations[0].id).toBe(first.data!.recordObservations.observations[0].id);

      const unassigned = await platform.admin(`mutation ($device: ID!) { unassignDevice(deviceId: $device) { assignedPatient { id } } }`, { device: device.id });
      expect(unassigned.data!.unassignDevice.assignedPatient).toBeNull();
      const afterUnassign = await asDevice(RECORD, { input: [{ ...reading, idempotencyKey: `e2e-${mode}-2` }] });
      expect(afterUnassign.errors?.[0]?.extensions).toMatchObject({ code: 'NOT_FOUND', field: 'input[0].patientId' });
    },
  },
  {
    name: 'names every request by its own id, keeping a well-formed caller id beside it',
    routerOwn: 'the x-request-id and x-client-request-id answer headers are made by caregraph\'s router',
    async run(platform) {
      const withId = await platform.query(`{ __typename }`, undefined, { 'x-request-id': 'req-test-12345' });
      expect(withId.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);
      expect(withId.headers.get('x-client-request-id')).toBe('req-test-12345');
      const again = await platform.query(`{ __typename }`, undefined, { 'x-request-id': 'req-test-12345' });
      expect(again.headers.get('x-request-id')).not.toBe(withId.headers.get('x-request-id'));
      const malformed = await platform.query(`{ __typename }`, undefined, { 'x-request-id': 'bad id' });
      expect(malformed.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);
      expect(malformed.headers.get('x-client-request-id')).toBeNull();
    },
  },
  {
    name: "stores the platform's request id in the audit trail, and the caller's beside it",
    async run(platform, mode) {
      if (!platform.auditTrail) return; // distributed on PGlite: each process keeps its own trail
      const patientId = platform.plan.patients[0]!.id;
      const token = await tokenFor({ role: 'org_admin', sub: 'admin-1', org: platform.plan.organizations[0]!.id, mfa: true });
      // Two requests naming the same caller id: two requests in the trail, each with its own id.
      const sent = `client-${mode}-${Date.now()}`;
      const answers = [];
      for (let i = 0; i < 2; i++) {
        answers.push(await platform.query('query ($id: ID!) { patient(id: $id) { name { text } } }', { id: patientId }, { ...bearer(token), 'x-request-id': sent }));
      }
      const events = await platform.auditTrail.eventsOf(sent);
      const ours = answers.map((answer) => answer.headers.get('x-request-id'));
      expect(new Set(events.map((event) => event.request_id))).toEqual(new Set(ours));
      expect(events.every((event) => event.request_id !== sent)).toBe(true);
    },
  },
];
