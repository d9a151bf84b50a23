import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEVICE_KINDS, type DemoDevice, type DemoDeviceKind } from '@caregraph/platform';
import { CLOCK_SKEW_MS } from '@caregraph/observations/validation';
import type { GraphQLResponse } from '../support/graphql-client.ts';
import { MODES, startTestPlatform, type GraphQLClient, type TestPlatform } from '../support/platform.ts';

const RECORD = /* GraphQL */ `
  mutation ($input: [ObservationInput!]!) {
    recordObservations(input: $input) {
      recorded
      duplicates
      observations { id code value unit effectiveAt status reported { value unit } }
    }
  }
`;
const LATEST = `query ($id: ID!) { patient(id: $id) { latestVitals { id code value unit effectiveAt reported { value unit } } } }`;
const CREATE_PATIENT = `mutation ($input: CreatePatientInput!) { createPatient(input: $input) { id mrn name { family given } contact { email } } }`;
const REGISTER = `mutation ($input: RegisterDeviceInput!) { registerDevice(input: $input) { id kind } }`;
const ASSIGN = `mutation ($d: ID!, $p: ID!) { assignDevice(deviceId: $d, patientId: $p) { id assignedPatient { id } } }`;
const UNASSIGN = `mutation ($d: ID!) { unassignDevice(deviceId: $d) { id assignedPatient { id } } }`;

interface Problem {
  field: string;
  reason: string;
}

const ago = (ms: number) => new Date(Date.now() - ms).toISOString();
const key = (tag: string) => `dq-${tag}-${randomUUID()}`;

/** The one error of a refused call: its code, its first field, and every field its message names. */
function refusal(response: GraphQLResponse) {
  expect(response.errors, JSON.stringify(response.data)).toHaveLength(1);
  const error = response.errors![0]!;
  const named = [...error.message.matchAll(/"(input[^"]*)"/g)].map((match) => match[1]!);
  return { code: error.extensions?.code, field: error.extensions?.field, named, error };
}

/** The machine-readable list of a refusal: every bad field, each with its reason. */
function problemsOf(response: GraphQLResponse): Problem[] {
  return (response.errors?.[0]?.extensions?.problems ?? []) as Problem[];
}

function recorded(response: GraphQLResponse) {
  expect(response.errors, JSON.stringify(response.errors)).toBeUndefined();
  return response.data!.recordObservations as {
    recorded: number;
    duplicates: number;
    observations: { id: string; code: string; value: number; unit: string; effectiveAt: string; reported: { value: number; unit: string } | null }[];
  };
}

/**
 * Clinical data quality (issue 12, section 5) as the people who send and read data meet it,
 * through the router: a device maker's device, an integrator importing readings, an
 * administrator registering patients, and what a clinician then sees as latest vitals.
 */
describe.each(MODES)('clinical data quality through the router (%s)', (mode) => {
  let platform: TestPlatform;
  let orgA: string;
  let orgB: string;
  /** A patient of this test alone, with one device of each kind it needs; nothing else recorded for them. */
  let fresh: { id: string; devices: Record<'WEIGHT_SCALE' | 'THERMOMETER' | 'GLUCOSE_METER', string> };
  let integrator: GraphQLClient;

  const deviceClient = (deviceId: string, org = orgA) => platform.as({ role: 'device', sub: `device-${deviceId}`, org, device: deviceId });
  const vitalOf = (kind: DemoDeviceKind) => DEVICE_KINDS[kind].vitals[0];
  const latestVitals = async (patientId: string) => {
    const response = await platform.admin(LATEST, { id: patientId });
    expect(response.errors).toBeUndefined();
    return response.data!.patient.latestVitals as { id: string; code: string; value: number; effectiveAt: string }[];
  };

  beforeAll(async () => {
    platform = await startTestPlatform(mode);
    orgA = platform.plan.organizations[0]!.id;
    orgB = platform.plan.organizations[1]!.id;
    integrator = await platform.as({ role: 'integrator', sub: 'client-dq', org: orgA, scope: 'observations:write' });

    const created = await platform.admin(CREATE_PATIENT, {
      input: { mrn: `DQ-${randomUUID().slice(0, 8)}`, name: { family: 'Quality', given: ['Data'] }, birthDate: '1970-05-01', sex: 'UNKNOWN' },
    });
    expect(created.errors).toBeUndefined();
    const patientId = created.data!.createPatient.id as string;
    const devices = {} as Record<'WEIGHT_SCALE' | 'THERMOMETER' | 'GLUCOSE_METER', string>;
    for (const kind of ['WEIGHT_SCALE', 'THERMOMETER', 'GLUCOSE_METER'] as const) {
      const registered = await platform.admin(REGISTER, { input: { serialNumber: `DQ-${kind.replace(/_/g, "-")}-${randomUUID().slice(0, 8)}`, kind } });
      expect(registered.errors).toBeUndefined();
      const deviceId = registered.data!.registerDevice.id as string;
      const assigned = await platform.admin(ASSIGN, { d: deviceId, p: patientId });
      expect(assigned.errors).toBeUndefined();
      devices[kind] = deviceId;
    }
    fresh = { id: patientId, devices };
  });
  afterAll(async () => {
    await platform?.stop();
  });

  /** A demo device of organization A assigned to a patient, and that patient. */
  function assignedDevice(index: number): { device: DemoDevice; patientId: string } {
    const devices = platform.plan.devices.filter((d) => d.organizationId === orgA && d.assignedPatientId);
    const device = devices[index]!;
    return { device, patientId: device.assignedPatientId! };
  }

  describe('the reading must be recent, of something the device measures, from a device assigned to the patient then', () => {
    it('refuses readings dated 1970 and 2000, naming each item, and they never become latest vitals', async () => {
      const thermometer = await deviceClient(fresh.devices.THERMOMETER);
      const reading = (effectiveAt: string, value: number) => ({
        idempotencyKey: key('old'),
        patientId: fresh.id,
        code: '8310-5',
        value,
        unit: 'Cel',
        effectiveAt,
      });
      const response = await thermometer(RECORD, { input: [reading('1970-01-01T00:00:00Z', 39.1), reading('2000-06-01T08:00:00Z', 39.2)] });
      expect(refusal(response)).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input[0].effectiveAt', named: ['input[0].effectiveAt', 'input[1].effectiveAt'] });
      expect(response.data?.recordObservations ?? null).toBeNull();

      // An integrator importing history has a longer window (a year by default), still not 2000.
      const imported = await integrator(RECORD, { input: [reading('2000-06-01T08:00:00Z', 39.3)] });
      expect(refusal(imported)).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input[0].effectiveAt' });

      for (const vital of await latestVitals(fresh.id)) {
        expect(new Date(vital.effectiveAt).getTime()).toBeGreaterThan(Date.now() - 86_400_000);
        expect([39.1, 39.2, 39.3]).not.toContain(vital.value);
      }
    });

    it("refuses a heart rate from a weight scale's token (input[i].code), and takes its weight", async () => {
      const scale = await deviceClient(fresh.devices.WEIGHT_SCALE);
      const heartRate = { idempotencyKey: key('hr'), patientId: fresh.id, code: '8867-4', value: 71, unit: '/min', effectiveAt: ago(60_000) };
      const weight = { idempotencyKey: key('kg'), patientId: fresh.id, code: '29463-7', value: 71.5, unit: 'kg', effectiveAt: ago(60_000) };
      const refused = await scale(RECORD, { input: [weight, heartRate] });
      expect(refusal(refused)).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input[1].code', named: ['input[1].code'] });
      // All or nothing: the weight of the refused batch was not recorded either.
      expect((await latestVitals(fresh.id)).map((v) => v.code)).not.toContain('8867-4');
      expect((await latestVitals(fresh.id)).find((v) => v.value === 71.5)).toBeUndefined();

      expect(recorded(await scale(RECORD, { input: [weight] })).recorded).toBe(1);
      // Naming the device explicitly is checked the same way as the token's own device.
      const named = await scale(RECORD, { input: [{ ...heartRate, idempotencyKey: key('hr'), deviceId: fresh.devices.WEIGHT_SCALE }] });
      expect(refusal(named)).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input[0].code' });
    });

    it("refuses an integrator's reading of patient 1 against patient 2's device (input[i].deviceId), and takes it against patient 1's", async () => {
      const { device: own, patientId: patient1 } = assignedDevice(0);
      const other = platform.plan.devices.find(
        (d) => d.organizationId === orgA && d.assignedPatientId && d.assignedPatientId !== patient1 && d.kind === own.kind,
      ) ?? platform.plan.devices.find((d) => d.organizationId === orgA && d.assignedPatientId && d.assignedPatientId !== patient1)!;
      // A code both devices measure, so only the assignment can be wrong.
      const vital = DEVICE_KINDS[other.kind].vitals.find((v) => DEVICE_KINDS[own.kind].vitals.some((o) => o.code === v.code)) ?? vitalOf(other.kind);
      const reading = { idempotencyKey: key('wrong-device'), patientId: patient1, deviceId: other.id, code: vital.code, value: vital.low, unit: vital.unit, effectiveAt: ago(120_000) };
      const refused = await integrator(RECORD, { input: [reading] });
      expect(refusal(refused)).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input[0].deviceId' });

      const ownVital = vitalOf(own.kind);
      const accepted = await integrator(RECORD, {
        input: [{ ...reading, idempotencyKey: key('right-device'), deviceId: own.id, code: ownVital.code, value: ownVital.low, unit: ownVital.unit }],
      });
      expect(recorded(accepted).recorded).toBe(1);
    });

    it('judges a buffered reading by the assignment at its time: before the unassignment taken, after it refused (clock skew allowed)', async () => {
      const { device, patientId } = assignedDevice(2);
      const vital = vitalOf(device.kind);
      const reading = (tag: string, effectiveAt: string) => ({
        idempotencyKey: key(tag),
        patientId,
        deviceId: device.id,
        code: vital.code,
        value: vital.high,
        unit: vital.unit,
        effectiveAt,
      });
      const before = Date.now();
      const unassigned = await platform.admin(UNASSIGN, { d: device.id });
      const after = Date.now();
      expect(unassigned.errors).toBeUndefined();
      expect(unassigned.data!.unassignDevice.assignedPatient).toBeNull();

      // Uploaded after the unassignment, taken ten minutes before it: the device was the patient's then.
      const buffered = await integrator(RECORD, { input: [reading('buffered', new Date(before - 10 * 60_000).toISOString())] });
      expect(recorded(buffered).recorded).toBe(1);

      // A device clock may be up to CLOCK_SKEW_MS off: a minute after the unassignment is still believed.
      const withinSkew = await integrator(RECORD, { input: [reading('skew', new Date(after + 60_000).toISOString())] });
      expect(withinSkew.errors, 'a reading within the clock skew after the unassignment').toBeUndefined();

      // Beyond the skew after the unassignment: the device was nobody's. (Not "in the future": the
      // same skew is allowed ahead of the server's clock, once a moment has passed.)
      await new Promise((done) => setTimeout(done, 2_000));
      const late = await integrator(RECORD, { input: [reading('late', new Date(after + CLOCK_SKEW_MS + 1_000).toISOString())] });
      expect(refusal(late)).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input[0].deviceId' });
    });

    it('refuses a reading for the new patient of a reassigned device dated before the reassignment', async () => {
      const { device, patientId: previousPatient } = assignedDevice(4);
      const newPatient = platform.plan.patients.find((p) => p.organizationId === orgA && p.id !== previousPatient)!;
      const vital = vitalOf(device.kind);
      const reading = (tag: string, patient: string, effectiveAt: string) => ({
        idempotencyKey: key(tag),
        patientId: patient,
        deviceId: device.id,
        code: vital.code,
        value: vital.low,
        unit: vital.unit,
        effectiveAt,
      });
      const at = Date.now();
      expect((await platform.admin(ASSIGN, { d: device.id, p: newPatient.id })).errors).toBeUndefined();
      const early = reading('early', newPatient.id, new Date(at - CLOCK_SKEW_MS - 60_000).toISOString());
      const earlier = reading('old', previousPatient, new Date(at - CLOCK_SKEW_MS - 60_000).toISOString());
      // One batch: the wrong item named, the right one (same time, previous patient) not.
      const response = await integrator(RECORD, { input: [earlier, early] });
      expect(refusal(response)).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input[1].deviceId', named: ['input[1].deviceId'] });
      expect(recorded(await integrator(RECORD, { input: [earlier] })).recorded).toBe(1);
      expect(recorded(await integrator(RECORD, { input: [reading('now', newPatient.id, ago(0))] })).recorded).toBe(1);
    });
  });

  describe('a batch with several bad items', () => {
    let asDevice: GraphQLClient;
    let good: Record<string, unknown>;
    beforeAll(async () => {
      const { device, patientId } = assignedDevice(1);
      asDevice = await deviceClient(device.id);
      const vital = vitalOf(device.kind);
      good = { idempotencyKey: key('ok'), patientId, code: vital.code, value: vital.low, unit: vital.unit, effectiveAt: ago(60_000) };
    });
    const badBatch = () => [
      good,
      { ...good, idempotencyKey: key('code'), code: '99999-9' },
      { ...good, idempotencyKey: key('unit'), unit: 'furlong/fortnight' },
      { ...good, idempotencyKey: key('value'), value: 987654.321 },
      { ...good, idempotencyKey: 'key with spaces!' },
      { ...good, idempotencyKey: key('future'), effectiveAt: new Date(Date.now() + 86_400_000).toISOString() },
      { ...good, idempotencyKey: key('two'), unit: 'furlong/fortnight', effectiveAt: '1971-03-04T05:06:07Z' },
      // Not an id, and the first item's key again.
      { ...good, patientId: 'not-an-id' },
    ];
    const EXPECTED = [
      'input[1].code',
      'input[2].unit',
      'input[3].value',
      'input[4].idempotencyKey',
      'input[5].effectiveAt',
      'input[6].unit',
      'input[6].effectiveAt',
      'input[7].patientId',
      'input[7].idempotencyKey',
    ];

    it('names every bad item (index and field) in one BAD_USER_INPUT, never the values sent, and records none', async () => {
      const response = await asDevice(RECORD, { input: badBatch() });
      const { code, field, named, error } = refusal(response);
      expect(code).toBe('BAD_USER_INPUT');
      expect(field).toBe('input[1].code');
      expect(named).toEqual(EXPECTED);
      const text = JSON.stringify(error);
      for (const sent of ['99999-9', 'furlong', '987654', 'key with spaces', '1971', 'not-an-id']) expect(text).not.toContain(sent);
      // Nothing of the batch was recorded: the good item goes through on its own.
      expect(recorded(await asDevice(RECORD, { input: [good] })).recorded).toBe(1);
    });

    it('lists them in extensions.problems, each with its reason, as the API documents', async () => {
      const response = await asDevice(RECORD, { input: badBatch() });
      const problems = problemsOf(response);
      expect(problems.map((p) => p.field), 'extensions.problems as the client receives it').toEqual(EXPECTED);
      for (const problem of problems) expect(problem.reason).toEqual(expect.any(String));
      expect(JSON.stringify(problems)).not.toMatch(/99999-9|furlong|987654|key with spaces|1971|not-an-id/);
    });

    it('beyond the ten fields its message names, extensions.problems still holds every one', async () => {
      const input = Array.from({ length: 12 }, (_, i) => ({ ...good, idempotencyKey: key(`many-${i}`), value: -1 - i }));
      const response = await asDevice(RECORD, { input });
      expect(response.errors?.[0]?.message).toContain('and 2 more (see extensions.problems)');
      expect(problemsOf(response).map((p) => p.field)).toEqual(input.map((_, i) => `input[${i}].value`));
    });
  });

  it('accepts RFC 3339 offsets, stored and returned in UTC, and refuses a local time without one', async () => {
    const thermometer = await deviceClient(fresh.devices.THERMOMETER);
    // This minute (the thermometer was assigned moments ago), written as +01:00 wall-clock time:
    // an hour later on the clock face.
    const instant = new Date(Math.floor(Date.now() / 60_000) * 60_000);
    const wallClock = new Date(instant.getTime() + 3_600_000).toISOString().slice(0, 19);
    const withOffset = { idempotencyKey: key('offset'), patientId: fresh.id, code: '8310-5', value: 36.6, unit: 'Cel', effectiveAt: `${wallClock}+01:00` };
    const payload = recorded(await thermometer(RECORD, { input: [withOffset] }));
    expect(payload.observations[0]!.effectiveAt).toBe(instant.toISOString());
    expect(payload.observations[0]!.effectiveAt).toMatch(/T\d{2}:\d{2}:00\.000Z$/);
    // The same instant in UTC is the same reading: a retry in the other spelling is a duplicate.
    const retried = recorded(await thermometer(RECORD, { input: [{ ...withOffset, effectiveAt: instant.toISOString() }] }));
    expect(retried).toMatchObject({ recorded: 0, duplicates: 1 });
    expect(retried.observations[0]!.id).toBe(payload.observations[0]!.id);
    // Read back through another path, still UTC.
    const read = await platform.admin(
      `query ($id: ID!, $from: DateTime) { patient(id: $id) { observations(code: "8310-5", from: $from) { edges { node { id effectiveAt } } } } }`,
      // The range bound may carry an offset too: the same instant, written as -05:00 wall-clock time.
      { id: fresh.id, from: `${new Date(instant.getTime() - 5 * 3_600_000).toISOString().slice(0, 19)}-05:00` },
    );
    expect(read.errors).toBeUndefined();
    expect(read.data!.patient.observations.edges.map((e: { node: { id: string; effectiveAt: string } }) => e.node)).toContainEqual({
      id: payload.observations[0]!.id,
      effectiveAt: instant.toISOString(),
    });

    const local = await thermometer(RECORD, { input: [{ ...withOffset, idempotencyKey: key('local'), effectiveAt: wallClock }] });
    expect(local.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(local.errors?.[0]?.message).toContain('RFC 3339');
    expect(local.errors?.[0]?.message).not.toContain(wallClock);
  });

  it('converts alternative UCUM units to the code\'s unit and keeps what was sent in `reported`', async () => {
    const cases = [
      { kind: 'WEIGHT_SCALE', code: '29463-7', sent: { value: 150, unit: '[lb_av]' }, stored: { value: 68.0388555, unit: 'kg' } },
      { kind: 'THERMOMETER', code: '8310-5', sent: { value: 98.6, unit: '[degF]' }, stored: { value: 37, unit: 'Cel' } },
      { kind: 'GLUCOSE_METER', code: '2339-0', sent: { value: 5.5, unit: 'mmol/L' }, stored: { value: 99.0858, unit: 'mg/dL' } },
    ] as const;
    // Now: newer than anything recorded for this patient before, so these are its latest vitals.
    const effectiveAt = ago(0);
    for (const c of cases) {
      const asDevice = await deviceClient(fresh.devices[c.kind]);
      const payload = recorded(
        await asDevice(RECORD, { input: [{ idempotencyKey: key(c.kind), patientId: fresh.id, code: c.code, ...c.sent, effectiveAt }] }),
      );
      const [observation] = payload.observations;
      expect(observation!.unit, c.kind).toBe(c.stored.unit);
      expect(observation!.value, c.kind).toBeCloseTo(c.stored.value, 4);
      expect(observation!.reported, c.kind).toEqual(c.sent);
    }
    // What a clinician's dashboard shows: the canonical value, with the reading as sent beside it.
    const latest = await platform.admin(LATEST, { id: fresh.id });
    const byCode = new Map((latest.data!.patient.latestVitals as { code: string; unit: string; reported: unknown }[]).map((v) => [v.code, v]));
    for (const c of cases) expect(byCode.get(c.code), c.code).toMatchObject({ unit: c.stored.unit, reported: c.sent });

    // A reading sent in the code's own unit is stored as sent, with no `reported`.
    const scale = await deviceClient(fresh.devices.WEIGHT_SCALE);
    const plain = recorded(await scale(RECORD, { input: [{ idempotencyKey: key('plain'), patientId: fresh.id, code: '29463-7', value: 70.2, unit: 'kg', effectiveAt: ago(10_000) }] }));
    expect(plain.observations[0]).toMatchObject({ value: 70.2, unit: 'kg', reported: null });

    // Units that do not measure the same thing, or are not UCUM (case matters), are refused by field.
    const refused = await scale(RECORD, {
      input: [
        { idempotencyKey: key('cel'), patientId: fresh.id, code: '29463-7', value: 70, unit: 'Cel', effectiveAt },
        { idempotencyKey: key('case'), patientId: fresh.id, code: '29463-7', value: 70, unit: 'KG', effectiveAt },
      ],
    });
    expect(refusal(refused)).toMatchObject({ code: 'BAD_USER_INPUT', named: ['input[0].unit', 'input[1].unit'] });
    // The range is judged after conversion: 400 [lb_av] is possible (181 kg), 400 kg is not.
    const heavy = recorded(await scale(RECORD, { input: [{ idempotencyKey: key('heavy'), patientId: fresh.id, code: '29463-7', value: 400, unit: '[lb_av]', effectiveAt }] }));
    expect(heavy.observations[0]!.value).toBeCloseTo(181.437, 2);
  });

  describe('names', () => {
    const patientInput = (family: string, extra: { given?: string[]; email?: string } = {}) => ({
      input: {
        mrn: `NM-${randomUUID().slice(0, 8)}`,
        name: { family, given: extra.given ?? ['Ana'] },
        birthDate: '1980-02-03',
        sex: 'FEMALE',
        ...(extra.email ? { contact: { email: extra.email } } : {}),
      },
    });

    it.each([
      ['zero-width spaces only', '\u200b\u200b', 'input.name.family'],
      ['a Hangul filler only', '\u3164', 'input.name.family'],
      ['a blank Braille pattern only', '\u2800\u2800', 'input.name.family'],
      ['a right-to-left override', 'Smi\u202eth', 'input.name.family'],
      ['a right-to-left isolate', '\u2067Smith\u2069', 'input.name.family'],
      ['a control character', 'Smi\u0007th', 'input.name.family'],
      // Default-ignorable marks render as nothing too: a name of only these is as blank as one of spaces.
      ['combining grapheme joiners only', '\u034f\u034f', 'input.name.family'],
      ['variation selectors only', '\ufe0f\ufe0f', 'input.name.family'],
      ['Khmer inherent vowels only', '\u17b4\u17b5', 'input.name.family'],
      ['Mongolian free variation selectors only', '\u180b\u180c', 'input.name.family'],
    ])('refuses a family name of %s in createPatient', async (_what, family, field) => {
      const response = await platform.admin(CREATE_PATIENT, patientInput(family));
      expect(response.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field });
      expect(response.data?.createPatient ?? null).toBeNull();
      expect(JSON.stringify(response.errors)).not.toContain(family);
    });

    it('refuses a given name with a direction override, naming that given name', async () => {
      const response = await platform.admin(CREATE_PATIENT, patientInput('Okafor', { given: ['Ada', '\u202dAda'] }));
      expect(response.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.name.given[1]' });
    });

    it('stores names in NFC and finds a patient by e-mail typed in either spelling', async () => {
      const decomposed = 'Ame\u0301lie';
      const composed = 'Am\u00e9lie';
      const local = `ame\u0301lie.${randomUUID().slice(0, 6)}`;
      const created = await platform.admin(CREATE_PATIENT, patientInput(decomposed, { given: [`Ren${'e\u0301'}e`], email: `${local}@example.test` }));
      expect(created.errors).toBeUndefined();
      const patient = created.data!.createPatient;
      expect(patient.name).toEqual({ family: composed, given: ['Ren\u00e9e'] });
      expect(patient.contact.email).toBe(`${local.normalize('NFC')}@example.test`);

      const find = `query ($filter: PatientFilterInput) { patients(filter: $filter) { edges { node { id name { family } } } } }`;
      for (const email of [`${local}@example.test`, `${local.normalize('NFC')}@example.test`, `${local.normalize('NFC').toUpperCase()}@EXAMPLE.TEST`]) {
        const found = await platform.admin(find, { filter: { email } });
        expect(found.errors).toBeUndefined();
        expect(found.data!.patients.edges.map((e: { node: { id: string } }) => e.node.id), email).toEqual([patient.id]);
      }
      const byMrn = await platform.admin(find, { filter: { mrn: patient.mrn.toLowerCase() } });
      expect(byMrn.data!.patients.edges.map((e: { node: { id: string } }) => e.node.id)).toEqual([patient.id]);
    });

    it('accepts a zero-width joiner inside a word (correct spelling in several scripts)', async () => {
      const response = await platform.admin(CREATE_PATIENT, patientInput('\u0d28\u0d4d\u200d\u0d28', {}));
      expect(response.errors).toBeUndefined();
    });
  });

  it('scopes idempotency keys per organization and sender: the same subject and key in two organizations are two readings', async () => {
    const patientA = platform.plan.patients.find((p) => p.organizationId === orgA)!;
    const patientB = platform.plan.patients.find((p) => p.organizationId === orgB)!;
    const sameSubject = 'client-shared-across-orgs';
    const inA = await platform.as({ role: 'integrator', sub: sameSubject, org: orgA, scope: 'observations:write' });
    const inB = await platform.as({ role: 'integrator', sub: sameSubject, org: orgB, scope: 'observations:write' });
    const shared = key('shared');
    const effectiveAt = ago(5 * 60_000);
    const reading = (patientId: string) => ({ idempotencyKey: shared, patientId, code: '8867-4', value: 64, unit: '/min', effectiveAt });

    const first = recorded(await inA(RECORD, { input: [reading(patientA.id)] }));
    expect(first).toMatchObject({ recorded: 1, duplicates: 0 });
    const other = await inB(RECORD, { input: [reading(patientB.id)] });
    expect(other.errors?.[0]?.extensions?.code, 'a key of organization A must not conflict in organization B').toBeUndefined();
    expect(recorded(other)).toMatchObject({ recorded: 1, duplicates: 0 });
    expect(recorded(other).observations[0]!.id).not.toBe(first.observations[0]!.id);

    const retry = recorded(await inA(RECORD, { input: [reading(patientA.id)] }));
    expect(retry).toMatchObject({ recorded: 0, duplicates: 1 });
    expect(retry.observations[0]!.id).toBe(first.observations[0]!.id);
    // A different payload under the same key, same organization and sender: a conflict.
    const changed = await inA(RECORD, { input: [{ ...reading(patientA.id), value: 65 }] });
    expect(changed.errors?.[0]?.extensions).toMatchObject({ code: 'CONFLICT', field: 'input[0].idempotencyKey' });
    // Another sender of organization A may use the same key for its own reading.
    expect(recorded(await integrator(RECORD, { input: [{ ...reading(patientA.id), value: 66 }] })).recorded).toBe(1);
  });
});
