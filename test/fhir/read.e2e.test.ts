import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CapabilityStatement, Device, Observation, OperationOutcome, Patient } from '../../fhir/src/index.ts';
import { fhirProblems } from '../../fhir/test/r4-validator.ts';
import { startTestPlatform, type TestPlatform } from '../support/platform.ts';
import { bearer, tokenFor } from '../support/tokens.ts';

/**
 * The FHIR R4 face through the router (issue 15, reads): the same caller, rules and audit trail as
 * GraphQL, answered as FHIR resources that validate, errors as OperationOutcomes.
 */
describe.each(['in-process', 'distributed'] as const)('FHIR reads through the router (%s)', (mode) => {
  let platform: TestPlatform;
  let origin: string;
  beforeAll(async () => {
    platform = await startTestPlatform(mode);
    origin = new URL(platform.url).origin;
  });
  afterAll(() => platform?.stop());

  const org = () => platform.plan.organizations[0]!;
  const admin = async () => bearer(await tokenFor({ role: 'org_admin', sub: 'admin-1', org: org().id, mfa: true }));
  const read = async <T,>(path: string, headers: Record<string, string> = {}) => {
    const response = await fetch(`${origin}/fhir/${path}`, { headers: { accept: 'application/fhir+json', ...headers } });
    return { status: response.status, type: response.headers.get('content-type'), requestId: response.headers.get('x-request-id')!, body: (await response.json()) as T };
  };

  it('answers metadata with a CapabilityStatement of exactly what it reads', async () => {
    const { status, type, body } = await read<CapabilityStatement>('metadata');
    expect(status).toBe(200);
    expect(type).toBe('application/fhir+json; charset=utf-8');
    expect(body.fhirVersion).toBe('4.0.1');
    expect(body.rest![0]!.resource!.map((r) => [r.type, r.interaction!.map((i) => i.code)])).toEqual([
      ['Patient', ['read']],
      ['Observation', ['read']],
      ['Device', ['read']],
    ]);
    expect(fhirProblems(body)).toEqual([]);
  });

  it("reads a patient of the caller's organization as a valid Patient, and records the read in the audit trail", async () => {
    const patient = platform.plan.patients.find((p) => p.organizationId === org().id)!;
    const { status, body, requestId } = await read<Patient>(`Patient/${patient.id}`, await admin());
    expect(status).toBe(200);
    expect(body).toMatchObject({ resourceType: 'Patient', id: patient.id, identifier: [{ value: patient.mrn }], name: [{ family: patient.family }], birthDate: patient.birthDate });
    expect(body.meta?.security).toBeUndefined();
    expect(fhirProblems(body)).toEqual([]);
    if (platform.auditTrail) {
      const events = await platform.auditTrail.eventsOf(requestId);
      expect(events.some((e) => e.action === 'read' && e.patient_id === patient.id && (e.fields as string[]).includes('name'))).toBe(true);
    }
  });

  it('leaves out what an analyst may not see, says so, and gives no identifiers', async () => {
    const patient = platform.plan.patients[0]!;
    const analyst = bearer(await tokenFor({ role: 'analyst', sub: 'analyst-1' }));
    const { status, body } = await read<Patient>(`Patient/${patient.id}`, analyst);
    expect(status).toBe(200);
    expect(body.identifier).toBeUndefined();
    expect(body.name).toBeUndefined();
    expect(body.birthDate).toBeUndefined();
    expect(body.meta?.security?.[0]?.code).toBe('REDACTED');
    expect(JSON.stringify(body)).not.toContain(patient.family);
    expect(fhirProblems(body)).toEqual([]);
  });

  it("answers another organization's patient and an unknown one alike: 404 OperationOutcome", async () => {
    const other = platform.plan.patients.find((p) => p.organizationId !== org().id)!;
    for (const id of [other.id, '00000000-0000-4000-8000-000000000000']) {
      const { status, body } = await read<OperationOutcome>(`Patient/${id}`, await admin());
      expect(status).toBe(404);
      expect(body.resourceType).toBe('OperationOutcome');
      expect(body.issue[0]!.code).toBe('not-found');
      expect(JSON.stringify(body)).not.toContain(other.family);
    }
  });

  it('reads a blood-pressure measurement as the 85354-9 panel and a device as a Device, both valid', async () => {
    const cuff = platform.plan.devices.find((d) => d.kind === 'BLOOD_PRESSURE_MONITOR' && d.assignedPatientId && d.organizationId === org().id)!;
    const systolic = [...platform.plan.observations()].find((o) => o.deviceId === cuff.id && o.code === '8480-6')!;
    const { status, body } = await read<Observation>(`Observation/${systolic.id}`, await admin());
    expect(status).toBe(200);
    expect(body.code.coding![0]!.code).toBe('85354-9');
    expect(body.component!.map((c) => c.code.coding![0]!.code)).toEqual(['8480-6', '8462-4']);
    expect(fhirProblems(body)).toEqual([]);
    const device = await read<Device>(`Device/${cuff.id}`, await admin());
    expect(device.status).toBe(200);
    expect(device.body).toMatchObject({ resourceType: 'Device', serialNumber: cuff.serialNumber, patient: { reference: `Patient/${cuff.assignedPatientId}` } });
    expect(fhirProblems(device.body)).toEqual([]);
  });

  it('refuses without a token (401 with WWW-Authenticate), a malformed id (400 naming it), and what it does not support', async () => {
    const anonymous = await fetch(`${origin}/fhir/Patient/${platform.plan.patients[0]!.id}`);
    expect(anonymous.status).toBe(401);
    expect(anonymous.headers.get('www-authenticate')).toBe('Bearer');
    expect(((await anonymous.json()) as OperationOutcome).issue[0]!.code).toBe('login');
    const malformed = await read<OperationOutcome>('Patient/not%20an%20id', await admin());
    expect(malformed.status).toBe(400);
    expect(malformed.body.issue[0]!.expression).toEqual(['id']);
    expect((await read<OperationOutcome>('Encounter/1', await admin())).status).toBe(404);
    const post = await fetch(`${origin}/fhir/Patient`, { method: 'POST', headers: await admin(), body: '{}' });
    expect(post.status).toBe(405);
  });
});
