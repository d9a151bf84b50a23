import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEVICE_KINDS, type DemoPatient, type DevTokenOptions } from '@caregraph/platform';
import type { GraphQLResponse } from '../support/graphql-client.ts';
import { expectErrorsAtTheirFields } from '../support/partial-results.ts';
import { MODES, startTestPlatform, type GraphQLClient, type TestPlatform } from '../support/platform.ts';

const CORRECTION = 'observation { id status value unit reported { value unit } } previous { revision value unit status reason correctedAt }';
const AMEND = `mutation ($id: ID!, $input: AmendObservationInput!) { amendObservation(id: $id, input: $input) { ${CORRECTION} } }`;
const MARK = `mutation ($id: ID!, $reason: String!) { markObservationEnteredInError(id: $id, reason: $reason) { ${CORRECTION} } }`;
const TIMELINE = `query ($p: ID!, $code: String) { patient(id: $p) { observations(code: $code, first: 5) { edges { node { id value unit status effectiveAt } } } } }`;
const LATEST = `query ($p: ID!) { patient(id: $p) { latestVitals { id code value status } } }`;
const SUMMARY = `query ($p: ID!, $code: String!, $from: DateTime!, $to: DateTime!) {
  patient(id: $p) { vitalsSummary(code: $code, from: $from, to: $to, bucket: DAY) { start count min max } } }`;

interface Node {
  id: string;
  value: number;
  unit: string;
  status: string;
  effectiveAt: string;
}
interface Correction {
  observation: { id: string; status: string; value: number; unit: string; reported: { value: number; unit: string } | null };
  previous: { revision: number; value: number; unit: string; status: string; reason: string; correctedAt: string };
}

/**
 * Clinicians correcting what a device got wrong (issue 12, section 5): amendObservation and
 * markObservationEnteredInError through the router, as a clinician on the patient's care team
 * uses them, and as everyone else is refused them; what the correction changes in the views a
 * clinician relies on (latestVitals, vitalsSummary, the timeline); what the audit trail keeps.
 */
describe.each(MODES)('observation corrections through the router (%s)', (mode) => {
  let platform: TestPlatform;
  let orgA: string;
  let orgB: string;

  beforeAll(async () => {
    platform = await startTestPlatform(mode);
    orgA = platform.plan.organizations[0]!.id;
    orgB = platform.plan.organizations[1]!.id;
  });
  afterAll(async () => {
    await platform?.stop();
  });

  /** The n-th patient of organization A, a clinician on their care team, and one code a device of theirs measures. */
  function subject(n: number) {
    const patient = platform.plan.patients.filter((p) => p.organizationId === orgA)[n]!;
    const device = platform.plan.devices.find((d) => d.assignedPatientId === patient.id)!;
    const vital = DEVICE_KINDS[device.kind].vitals[0];
    return { patient, device, vital, clinician: patient.careTeam[0]! };
  }
  const clinicianOf = (patient: DemoPatient, extra: Partial<DevTokenOptions> = {}) =>
    platform.as({ role: 'clinician', sub: patient.careTeam[0]!, org: patient.organizationId, mfa: true, ...extra });

  async function timeline(patientId: string, code: string): Promise<Node[]> {
    const response = await platform.admin(TIMELINE, { p: patientId, code });
    expect(response.errors).toBeUndefined();
    return response.data!.patient.observations.edges.map((edge: { node: Node }) => edge.node);
  }
  async function latestOf(patientId: string, code: string) {
    const response = await platform.admin(LATEST, { p: patientId });
    expect(response.errors).toBeUndefined();
    return (response.data!.patient.latestVitals as { id: string; code: string; value: number; status: string }[]).find((v) => v.code === code);
  }
  async function summaryCount(patientId: string, code: string): Promise<number> {
    const from = new Date(Date.now() - 5 * 86_400_000).toISOString();
    const to = new Date(Date.now() + 86_400_000).toISOString();
    const response = await platform.admin(SUMMARY, { p: patientId, code, from, to });
    expect(response.errors).toBeUndefined();
    return (response.data!.patient.vitalsSummary as { count: number }[]).reduce((total, bucket) => total + bucket.count, 0);
  }
  function corrected(response: GraphQLResponse, root: 'amendObservation' | 'markObservationEnteredInError'): Correction {
    expect(response.errors, JSON.stringify(response.errors)).toBeUndefined();
    return response.data![root] as Correction;
  }
  /** The audit events one request left (null where the test cannot read the trail). */
  async function auditOf(response: GraphQLResponse) {
    if (!platform.auditTrail) return null;
    const requestId = response.headers.get('x-request-id');
    expect(requestId).toBeTruthy();
    return platform.auditTrail.eventsOf(requestId!);
  }

  it('lets a clinician on the care team amend a value: AMENDED, the new value, the previous one kept; a second amendment is revision 2', async () => {
    const { patient, vital } = subject(0);
    const clinician = await clinicianOf(patient);
    const [newest] = await timeline(patient.id, vital.code);
    const firstValue = Math.round((vital.low + 1) * 10) / 10;
    const firstReason = 'Re-read from the paper chart: transcription slip';
    const before = Date.now();
    const first = await clinician(AMEND, { id: newest!.id, input: { value: firstValue, unit: vital.unit, reason: firstReason } });
    const one = corrected(first, 'amendObservation');
    expect(one.observation).toMatchObject({ id: newest!.id, status: 'AMENDED', value: firstValue, unit: vital.unit, reported: null });
    expect(one.previous).toMatchObject({ revision: 1, value: newest!.value, unit: newest!.unit, status: 'FINAL', reason: firstReason });
    expect(new Date(one.previous.correctedAt).getTime()).toBeGreaterThanOrEqual(before - 1_000);
    expect(new Date(one.previous.correctedAt).getTime()).toBeLessThanOrEqual(Date.now() + 1_000);

    // What every reader now sees: the amended value, in the timeline and as the latest vital.
    expect((await timeline(patient.id, vital.code))[0]).toMatchObject({ id: newest!.id, status: 'AMENDED', value: firstValue });
    expect(await latestOf(patient.id, vital.code)).toMatchObject({ id: newest!.id, value: firstValue, status: 'AMENDED' });

    const secondValue = Math.round((vital.high - 1) * 10) / 10;
    const second = await clinician(AMEND, { id: newest!.id, input: { value: secondValue, unit: vital.unit, reason: 'Device recalibrated; value re-measured' } });
    const two = corrected(second, 'amendObservation');
    expect(two.observation).toMatchObject({ status: 'AMENDED', value: secondValue });
    expect(two.previous).toMatchObject({ revision: 2, value: firstValue, status: 'AMENDED', reason: 'Device recalibrated; value re-measured' });

    // The audit trail: one update of this observation per correction, naming the operation, never the reason or a value.
    for (const [response, reason] of [[first, firstReason], [second, 'Device recalibrated']] as const) {
      const events = await auditOf(response);
      if (!events) continue;
      const updates = events.filter((e) => e.action === 'update');
      expect(updates).toHaveLength(1);
      expect(updates[0]).toMatchObject({
        outcome: 'success',
        resource_type: 'Observation',
        resource_id: newest!.id,
        patient_id: patient.id,
        fields: ['amendObservation'],
        actor_sub: patient.careTeam[0],
      });
      expect(JSON.stringify(events)).not.toContain(reason);
      expect(JSON.stringify(events)).not.toContain('re-measured');
      for (const event of events) expect(event.fields.join(' ')).not.toMatch(/\d/);
    }
  });

  it('converts an amended value given in another UCUM unit, keeping it as reported', async () => {
    // A patient of organization A with a thermometer or a weight scale (the seeded demo set has both).
    const device = platform.plan.devices.find((d) => d.organizationId === orgA && d.assignedPatientId && (d.kind === 'THERMOMETER' || d.kind === 'WEIGHT_SCALE'));
    expect(device).toBeDefined();
    const patient = platform.plan.patients.find((p) => p.id === device!.assignedPatientId)!;
    const { code } = DEVICE_KINDS[device!.kind].vitals[0];
    const input = device!.kind === 'THERMOMETER' ? { value: 99.5, unit: '[degF]' } : { value: 160, unit: '[lb_av]' };
    const expected = device!.kind === 'THERMOMETER' ? { value: 37.5, unit: 'Cel' } : { value: 72.5747792, unit: 'kg' };
    const [, older] = await timeline(patient.id, code);
    const response = await (await clinicianOf(patient))(AMEND, { id: older!.id, input: { ...input, reason: 'Read off the display in the other unit' } });
    const { observation } = corrected(response, 'amendObservation');
    expect(observation.unit).toBe(expected.unit);
    expect(observation.value).toBeCloseTo(expected.value, 4);
    expect(observation.reported).toEqual(input);
  });

  it('marks a reading entered in error: it leaves latestVitals (the one before shows), vitalsSummary counts one less, the timeline keeps it marked, and it is corrected no further', async () => {
    const { patient, vital } = subject(1);
    const clinician = await clinicianOf(patient);
    const [newest, previous] = await timeline(patient.id, vital.code);
    expect(await latestOf(patient.id, vital.code)).toMatchObject({ id: newest!.id });
    const countBefore = await summaryCount(patient.id, vital.code);
    expect(countBefore).toBeGreaterThan(1);

    const reason = 'Cuff on the wrong patient';
    const response = await clinician(MARK, { id: newest!.id, reason });
    const marked = corrected(response, 'markObservationEnteredInError');
    expect(marked.observation).toMatchObject({ id: newest!.id, status: 'ENTERED_IN_ERROR', value: newest!.value, unit: newest!.unit });
    expect(marked.previous).toMatchObject({ revision: 1, value: newest!.value, status: 'FINAL', reason });

    expect(await latestOf(patient.id, vital.code)).toMatchObject({ id: previous!.id, value: previous!.value, status: 'FINAL' });
    expect(await summaryCount(patient.id, vital.code)).toBe(countBefore - 1);
    expect((await timeline(patient.id, vital.code))[0]).toMatchObject({ id: newest!.id, status: 'ENTERED_IN_ERROR' });
    const single = await platform.admin(`query ($id: ID!) { observation(id: $id) { id status } }`, { id: newest!.id });
    expect(single.data?.observation).toEqual({ id: newest!.id, status: 'ENTERED_IN_ERROR' });

    const events = await auditOf(response);
    if (events) {
      const updates = events.filter((e) => e.action === 'update');
      expect(updates).toHaveLength(1);
      expect(updates[0]).toMatchObject({ resource_type: 'Observation', resource_id: newest!.id, patient_id: patient.id, fields: ['markObservationEnteredInError'] });
      expect(JSON.stringify(events)).not.toContain(reason);
    }

    const amend = await clinician(AMEND, { id: newest!.id, input: { value: vital.low, unit: vital.unit, reason: 'Trying to revive it' } });
    expect(amend.errors?.[0]?.extensions?.code).toBe('CONFLICT');
    expect(amend.data?.amendObservation ?? null).toBeNull();
    const again = await clinician(MARK, { id: newest!.id, reason: 'Twice' });
    expect(again.errors?.[0]?.extensions?.code).toBe('CONFLICT');
    // Nothing changed by the refused corrections.
    expect((await timeline(patient.id, vital.code))[0]).toMatchObject({ id: newest!.id, status: 'ENTERED_IN_ERROR', value: newest!.value });
    if (platform.auditTrail) {
      const refused = (await auditOf(amend))!.filter((e) => e.action === 'update' && e.outcome === 'success');
      expect(refused).toEqual([]);
    }
  });

  it('lets an integrator with observations:write correct readings of its organization', async () => {
    const { patient, vital } = subject(2);
    const integrator = await platform.as({ role: 'integrator', sub: 'client-emr', org: orgA, scope: 'observations:write' });
    const [, , third] = await timeline(patient.id, vital.code);
    const response = await integrator(MARK, { id: third!.id, reason: 'Duplicate import from the EMR' });
    expect(corrected(response, 'markObservationEnteredInError').observation.status).toBe('ENTERED_IN_ERROR');
    const events = await auditOf(response);
    if (events) expect(events.filter((e) => e.action === 'update')).toMatchObject([{ actor_sub: 'client-emr', fields: ['markObservationEnteredInError'] }]);
  });

  describe('who may not correct', () => {
    let target: Node;
    let patient: DemoPatient;
    let vital: { code: string; unit: string; low: number };
    beforeAll(async () => {
      const s = subject(3);
      patient = s.patient;
      vital = s.vital;
      target = (await timeline(patient.id, vital.code))[0]!;
    });

    const expectUnchanged = async () => {
      const [now] = await timeline(patient.id, vital.code);
      expect(now).toMatchObject({ id: target.id, status: 'FINAL', value: target.value });
    };

    const attempts = async (client: GraphQLClient) => [
      await client(AMEND, { id: target.id, input: { value: vital.low, unit: vital.unit, reason: 'Not mine to change' } }),
      await client(MARK, { id: target.id, reason: 'Not mine to change' }),
    ];

    /** Who tries, and what they get: out of reach looks like missing, a role that may not correct is FORBIDDEN. */
    const REFUSED: [who: string, code: 'NOT_FOUND' | 'FORBIDDEN', claims: () => DevTokenOptions][] = [
      ['a clinician of the organization off the care team', 'NOT_FOUND', () => ({
        role: 'clinician', sub: platform.plan.organizations[0]!.clinicians.find((c) => !patient.careTeam.includes(c))!, org: orgA, mfa: true,
      })],
      ['a clinician of another organization', 'NOT_FOUND', () => ({ role: 'clinician', sub: platform.plan.organizations[1]!.clinicians[0]!, org: orgB, mfa: true })],
      ['an integrator of another organization', 'NOT_FOUND', () => ({ role: 'integrator', sub: 'client-b', org: orgB, scope: 'observations:write observations:read' })],
      ["the patient's own device", 'FORBIDDEN', () => {
        const device = platform.plan.devices.find((d) => d.assignedPatientId === patient.id)!;
        return { role: 'device', sub: `device-${device.id}`, org: orgA, device: device.id };
      }],
      ["the organization's administrator", 'FORBIDDEN', () => ({ role: 'org_admin', sub: 'admin-1', org: orgA, mfa: true })],
      ['an analyst', 'FORBIDDEN', () => ({ role: 'analyst', sub: 'analyst-1', org: orgA })],
      ['an integrator that may only read observations', 'FORBIDDEN', () => ({ role: 'integrator', sub: 'client-ro', org: orgA, scope: 'observations:read' })],
    ];

    it.each(REFUSED)('refuses %s with %s, changing nothing', async (_who, code, claims) => {
      const client = await platform.as(claims());
      for (const response of await attempts(client)) {
        expect(response.errors?.map((e) => e.extensions?.code)).toEqual([code]);
        expectErrorsAtTheirFields(response);
        expect(JSON.stringify(response.errors)).not.toContain('Not mine to change');
      }
      await expectUnchanged();
    });

    it('asks a clinician without a second factor for one (403 MFA_REQUIRED)', async () => {
      const client = await clinicianOf(patient, { mfa: false });
      for (const response of await attempts(client)) {
        expect(response.status).toBe(403);
        expect(response.errors?.[0]?.extensions?.code).toBe('MFA_REQUIRED');
      }
      await expectUnchanged();
    });

    it('answers NOT_FOUND for an id that is no observation, or not an id', async () => {
      const client = await clinicianOf(patient);
      for (const id of ['00000000-0000-4000-8000-000000000000', 'not-an-id', patient.id]) {
        const response = await client(MARK, { id, reason: 'No such reading' });
        expect(response.errors?.[0]?.extensions?.code, id).toBe('NOT_FOUND');
      }
    });

    it.each([
      ['empty', ''],
      ['blank', '   '],
      ['longer than 500 characters', 'x'.repeat(501)],
      ['a control character', 'Wrong\u0007patient'],
      ['a line break', 'Wrong\npatient'],
      ['a direction override', 'Wrong \u202epatient'],
    ])('refuses a reason that is %s, naming the field, changing nothing', async (_what, reason) => {
      const client = await clinicianOf(patient);
      const amend = await client(AMEND, { id: target.id, input: { value: vital.low, unit: vital.unit, reason } });
      expect(amend.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.reason' });
      const mark = await client(MARK, { id: target.id, reason });
      expect(mark.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'reason' });
      if (reason.trim()) for (const response of [amend, mark]) expect(JSON.stringify(response.errors)).not.toContain(reason.slice(0, 20));
      await expectUnchanged();
    });

    it('accepts a reason of exactly 500 characters', async () => {
      const { patient: other, vital: otherVital } = subject(4);
      const [, , , fourth] = await timeline(other.id, otherVital.code);
      const response = await (await clinicianOf(other))(AMEND, { id: fourth!.id, input: { value: otherVital.low, unit: otherVital.unit, reason: 'r'.repeat(500) } });
      expect(corrected(response, 'amendObservation').previous.reason).toHaveLength(500);
    });

    it('refuses an amended value outside the possible range, or in a unit that is not convertible, naming the field', async () => {
      const client = await clinicianOf(patient);
      const outOfRange = await client(AMEND, { id: target.id, input: { value: 1e9, unit: vital.unit, reason: 'Typo' } });
      expect(outOfRange.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.value' });
      expect(outOfRange.errors?.[0]?.message).not.toContain('1000000000');
      const wrongUnit = await client(AMEND, { id: target.id, input: { value: vital.low, unit: 'furlong', reason: 'Typo' } });
      expect(wrongUnit.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.unit' });
      expect(wrongUnit.errors?.[0]?.message).not.toContain('furlong');
      await expectUnchanged();
    });
  });
});
