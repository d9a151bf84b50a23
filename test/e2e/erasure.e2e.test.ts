import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { verifyAuditLog } from '@caregraph/platform';
import { MODES, startTestPlatform, type TestPlatform } from '../support/platform.ts';

const ERASE = `mutation ($id: ID!) { erasePatient(id: $id) { patientId observationsDeleted devicesUnassigned } }`;

describe.each(MODES)('erasePatient (%s)', (mode) => {
  let platform: TestPlatform;
  beforeAll(async () => {
    platform = await startTestPlatform(mode);
  });
  afterAll(async () => {
    await platform?.stop();
  });

  const target = () => platform.plan.patients[3]!;

  it('is refused to clinicians and to other organizations', async () => {
    const clinician = await platform.as({ role: 'clinician', sub: target().careTeam[0]!, org: target().organizationId, mfa: true });
    expect((await clinician(ERASE, { id: target().id })).errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    const otherAdmin = await platform.as({ role: 'org_admin', sub: 'admin-b', org: platform.plan.organizations[1]!.id, mfa: true });
    expect((await otherAdmin(ERASE, { id: target().id })).errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
  });

  it("removes the patient everywhere: record, data key, observations, device assignments", async () => {
    const { plan } = platform;
    const devices = plan.devices.filter((d) => d.assignedPatientId === target().id);
    const observations = [...plan.observations()].filter((o) => o.patientId === target().id).length;
    const erased = await platform.admin(ERASE, { id: target().id });
    expect(erased.errors).toBeUndefined();
    expect(erased.data!.erasePatient).toEqual({ patientId: target().id, observationsDeleted: observations, devicesUnassigned: devices.length });

    const after = await platform.admin(`query ($id: ID!, $d: ID!) { patient(id: $id) { id } device(id: $d) { assignedPatient { id } } }`, {
      id: target().id,
      d: devices[0]!.id,
    });
    expect(after.data?.patient).toBeNull();
    expect(after.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
    expect(after.data?.device).toEqual({ assignedPatient: null });
    expect((await platform.admin(ERASE, { id: target().id })).errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
  });

  // In-process the test can read the database the platform uses; distributed, each process has its own.
  if (mode === 'in-process') it('leaves nothing recoverable in the tables, and the audit trail intact', async () => {
    const db = platform.database!.db;
    const rows = async (query: ReturnType<typeof sql>) => {
      const result = (await db.execute(query)) as unknown;
      return (Array.isArray(result) ? result : (result as { rows: unknown[] }).rows) as Record<string, unknown>[];
    };
    const id = target().id;
    expect(await rows(sql`select 1 from patients.patients where id = ${id}`)).toEqual([]);
    expect(await rows(sql`select 1 from patients.patient_keys where patient_id = ${id}`)).toEqual([]);
    expect(await rows(sql`select 1 from patients.care_team_members where patient_id = ${id}`)).toEqual([]);
    expect(await rows(sql`select 1 from observations.observations where patient_id = ${id}`)).toEqual([]);
    expect(await rows(sql`select 1 from devices.devices where assigned_patient_id = ${id}`)).toEqual([]);
    expect(await rows(sql`select 1 from devices.device_assignments where patient_id = ${id}`)).toEqual([]);
    // Each service's trail: its chain, or one of its lanes (`observations:3`) for writes made in a transaction.
    const deletions = await rows(
      sql`select split_part(chain, ':', 1) as chain, resource_type from audit.events where patient_id = ${id} and action = 'delete' order by 1`,
    );
    expect(deletions).toEqual([
      { chain: 'devices', resource_type: 'DeviceAssignment' },
      { chain: 'observations', resource_type: 'Observation' },
      { chain: 'patients', resource_type: 'Patient' },
    ]);
    for (const report of await verifyAuditLog(db)) expect(report.broken, report.chain).toBeNull();
  });
});
