import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEVICE_KINDS, type DemoDevice, type DemoPatient } from '@caregraph/platform';
import type { GraphQLResponse } from '../support/graphql-client.ts';
import { startTestPlatform, type GraphQLClient, type TestPlatform } from '../support/platform.ts';

const RECORD = `mutation ($input: [ObservationInput!]!) { recordObservations(input: $input) { recorded duplicates observations { id } } }`;
const ERASE = `mutation ($id: ID!) { erasePatient(id: $id) { patientId observationsDeleted devicesUnassigned } }`;
const AMEND = `mutation ($id: ID!, $input: AmendObservationInput!) { amendObservation(id: $id, input: $input) { observation { id } previous { revision } } }`;
const TIMELINE = `query ($p: ID!) { patient(id: $p) { observations(first: 100) { edges { node { id value unit } } } } }`;

/** Readings per request, requests per sender at most, and how long a round may send for. */
const BATCH = 3;
const MAX_REQUESTS_PER_SENDER = 250;
const ROUND_DEADLINE_MS = 20_000;
/** Requests each sender makes once the erasure has answered: they must all be refused. */
const REQUESTS_AFTER = 3;
/** Readings each sender has recorded before the erasure starts, so it has something to race. */
const RECORDED_BEFORE = 2;

interface Attempt {
  sender: string;
  sentAt: number;
  answeredAt: number;
  response: GraphQLResponse;
}

/**
 * Right to erasure against live ingestion, on PostgreSQL (where transactions really interleave):
 * the patient's devices keep sending readings, and an integrator keeps importing some, while an
 * administrator erases the patient. Before the fix, a reading inserted between the observations
 * delete and the patient delete outlived the patient. Afterwards nothing of the patient may be
 * left in observations, whatever was acknowledged, and every later reading is refused.
 */
describe('erasePatient while the patient\'s devices keep sending (PostgreSQL)', () => {
  let platform: TestPlatform;
  let overlapping = 0;

  beforeAll(async () => {
    platform = await startTestPlatform('in-process');
  });
  afterAll(async () => {
    await platform?.stop();
  });

  async function rows(query: ReturnType<typeof sql>): Promise<Record<string, unknown>[]> {
    const result = (await platform.database!.db.execute(query)) as unknown;
    return (Array.isArray(result) ? result : (result as { rows: unknown[] }).rows) as Record<string, unknown>[];
  }

  /** Patients of organization A, those with two devices first: each round erases one. */
  function roundPatients(from = 0, count = 4): { patient: DemoPatient; devices: DemoDevice[] }[] {
    const orgA = platform.plan.organizations[0]!.id;
    return platform.plan.patients
      .filter((p) => p.organizationId === orgA)
      .map((patient) => ({ patient, devices: platform.plan.devices.filter((d) => d.assignedPatientId === patient.id) }))
      .sort((a, b) => b.devices.length - a.devices.length)
      .slice(from, from + count);
  }

  /**
   * Sends batches until told the erasure answered and REQUESTS_AFTER more went out, bounded in
   * count and time either way.
   */
  async function sender(
    name: string,
    client: GraphQLClient,
    reading: (key: string) => Record<string, unknown>,
    state: { erasedAt: number | null; deadline: number },
    attempts: Attempt[],
  ): Promise<void> {
    let after = 0;
    for (let i = 0; i < MAX_REQUESTS_PER_SENDER && Date.now() < state.deadline && after < REQUESTS_AFTER; i++) {
      const sentAt = Date.now();
      const erasedBefore = state.erasedAt !== null;
      const input = Array.from({ length: BATCH }, (_, j) => reading(`${name}-${i}-${j}`));
      const response = await client(RECORD, { input });
      attempts.push({ sender: name, sentAt, answeredAt: Date.now(), response });
      if (erasedBefore) after++;
    }
  }

  it.each([0, 1, 2, 3])('round %i: nothing of the patient is left, whatever was acknowledged, and later readings are refused', async (round) => {
    const { patient, devices } = roundPatients()[round]!;
    expect(devices.length).toBeGreaterThan(0);
    const orgId = patient.organizationId;
    const integrator = await platform.as({ role: 'integrator', sub: `client-race-${round}`, org: orgId, scope: 'observations:write' });
    const reading = (device: DemoDevice | null) => (key: string) => {
      const vital = DEVICE_KINDS[(device ?? devices[0]!).kind].vitals[0];
      return {
        idempotencyKey: `race-${round}-${key}`,
        patientId: patient.id,
        ...(device ? { deviceId: device.id } : {}),
        code: vital.code,
        value: (vital.low + vital.high) / 2,
        unit: vital.unit,
        effectiveAt: new Date().toISOString(),
      };
    };

    const state = { erasedAt: null as number | null, deadline: Date.now() + ROUND_DEADLINE_MS };
    const attempts: Attempt[] = [];
    const senders: Promise<void>[] = [];
    for (const device of devices) {
      const asDevice = await platform.as({ role: 'device', sub: `device-${device.id}`, org: orgId, device: device.id });
      // Two connections per device: a device that retries while its previous upload is in flight.
      for (const lane of ['a', 'b']) senders.push(sender(`device-${device.id.slice(0, 8)}-${lane}`, asDevice, reading(device), state, attempts));
    }
    senders.push(sender('integrator', integrator, reading(null), state, attempts));
    senders.push(sender('integrator-with-device', integrator, reading(devices[0]!), state, attempts));
    const senderCount = senders.length;

    // Let every sender get something recorded first, so the erasure has readings to race.
    const recordedBy = () => new Set(attempts.filter((a) => !a.response.errors).map((a) => a.sender));
    while (recordedBy().size < senderCount || attempts.filter((a) => !a.response.errors).length < senderCount * RECORDED_BEFORE) {
      if (Date.now() > state.deadline) break;
      await new Promise((done) => setTimeout(done, 5));
    }
    expect(recordedBy().size, JSON.stringify(attempts.find((a) => a.response.errors)?.response.errors)).toBe(senderCount);

    const erasureStart = Date.now();
    const erased = await platform.admin(ERASE, { id: patient.id });
    const erasureEnd = Date.now();
    state.erasedAt = erasureEnd;
    await Promise.all(senders);

    expect(erased.errors, JSON.stringify(erased.errors)).toBeUndefined();
    expect(erased.data!.erasePatient).toMatchObject({ patientId: patient.id, devicesUnassigned: devices.length });

    // Every answer is either the batch recorded or a refusal: no INTERNAL, no deadlock, no half batch.
    // While the erasure runs, a reading naming a device whose assignments were already forgotten (the
    // devices domain goes before the patient record) is refused as not assigned; after it, NOT_FOUND.
    const acknowledged = attempts.filter((a) => !a.response.errors);
    for (const attempt of attempts) {
      if (attempt.response.errors) {
        const when = `${attempt.sender}, sent ${attempt.sentAt - erasureStart} ms after the erasure began (${erasureEnd - erasureStart} ms long), answered ${attempt.answeredAt - erasureStart} ms after: ${attempt.response.errors[0]?.message}`;
        const during = attempt.sentAt < erasureEnd;
        const codes = attempt.response.errors.map((e) => e.extensions?.code);
        if (during && codes[0] === 'BAD_USER_INPUT') expect(attempt.response.errors[0]?.extensions?.field, when).toMatch(/^input\[\d+\]\.deviceId$/);
        else expect(codes, when).toEqual(['NOT_FOUND']);
        expect(attempt.response.data?.recordObservations ?? null).toBeNull();
      } else {
        expect(attempt.response.data!.recordObservations).toMatchObject({ recorded: BATCH, duplicates: 0 });
      }
    }
    // Acknowledged readings were all sent before the erasure answered; everything sent after it was refused.
    for (const attempt of acknowledged) expect(attempt.sentAt, attempt.sender).toBeLessThan(erasureEnd);
    const later = attempts.filter((a) => a.sentAt > erasureEnd);
    expect(later.length).toBeGreaterThanOrEqual(senderCount * REQUESTS_AFTER - senderCount);
    for (const attempt of later) expect(attempt.response.errors?.[0]?.extensions?.code, attempt.sender).toBe('NOT_FOUND');

    // The database: nothing of the patient in observations (not even what was acknowledged), nor in their revisions.
    expect(await rows(sql`select count(*)::int as n from observations.observations where patient_id = ${patient.id}::uuid`)).toEqual([{ n: 0 }]);
    expect(await rows(sql`select count(*)::int as n from observations.observation_revisions where patient_id = ${patient.id}::uuid`)).toEqual([{ n: 0 }]);
    const ids = acknowledged.flatMap((a) => (a.response.data!.recordObservations.observations as { id: string }[]).map((o) => o.id));
    expect(ids.length).toBeGreaterThan(0);
    expect(await rows(sql`select id from observations.observations where id = any(${`{${ids.join(',')}}`}::uuid[])`)).toEqual([]);
    expect(await rows(sql`select 1 from patients.patients where id = ${patient.id}::uuid`)).toEqual([]);

    // The erasure counted at least every reading acknowledged before it began, and the demo readings.
    const demo = [...platform.plan.observations()].filter((o) => o.patientId === patient.id).length;
    const before = acknowledged.filter((a) => a.answeredAt < erasureStart).length * BATCH;
    expect(erased.data!.erasePatient.observationsDeleted).toBeGreaterThanOrEqual(demo + before);

    // How many requests were in flight while the erasure ran: the race this test is about.
    overlapping += attempts.filter((a) => a.sentAt < erasureEnd && a.answeredAt > erasureStart).length;
  }, 60_000);

  // Corrections lock the observation's row and then change it; the erasure locks the table and then
  // deletes the rows. Taken in opposite orders, the two deadlocked: the erasure failed (SERVICE_UNAVAILABLE)
  // or the correction did (INTERNAL).
  it.each([0, 1, 2])('round %i: a clinician correcting the patient\'s readings while they are erased: the erasure goes through, each correction is made or NOT_FOUND', async (round) => {
    const { patient } = roundPatients(4, 3)[round]!;
    const clinician = await platform.as({ role: 'clinician', sub: patient.careTeam[0]!, org: patient.organizationId, mfa: true });
    const timeline = await platform.admin(TIMELINE, { p: patient.id });
    const nodes = timeline.data!.patient.observations.edges.map((edge: { node: { id: string; value: number; unit: string } }) => edge.node);
    expect(nodes.length).toBeGreaterThan(8);
    const outcomes: { code: string; sentAt: number }[] = [];
    let erasedAt: number | null = null;
    const deadline = Date.now() + ROUND_DEADLINE_MS;
    const lanes = 4;
    const corrector = async (lane: number) => {
      let after = 0;
      for (let i = lane; i < nodes.length && Date.now() < deadline && after < 2; i += lanes) {
        const sentAt = Date.now();
        if (erasedAt !== null) after++;
        const node = nodes[i]!;
        const response = await clinician(AMEND, { id: node.id, input: { value: node.value, unit: node.unit, reason: 'Checked against the paper chart' } });
        outcomes.push({ code: (response.errors?.[0]?.extensions?.code as string | undefined) ?? 'ok', sentAt });
      }
    };
    const correctors = Array.from({ length: lanes }, (_, lane) => corrector(lane));
    while (outcomes.filter((o) => o.code === 'ok').length < lanes && Date.now() < deadline) await new Promise((done) => setTimeout(done, 2));

    const erased = await platform.admin(ERASE, { id: patient.id });
    erasedAt = Date.now();
    await Promise.all(correctors);

    expect(erased.errors, JSON.stringify(erased.errors)).toBeUndefined();
    expect(outcomes.map((o) => o.code).filter((code) => code !== 'ok' && code !== 'NOT_FOUND')).toEqual([]);
    for (const outcome of outcomes.filter((o) => o.sentAt > erasedAt!)) expect(outcome.code).toBe('NOT_FOUND');
    expect(await rows(sql`select count(*)::int as n from observations.observations where patient_id = ${patient.id}::uuid`)).toEqual([{ n: 0 }]);
    expect(await rows(sql`select count(*)::int as n from observations.observation_revisions where patient_id = ${patient.id}::uuid`)).toEqual([{ n: 0 }]);
  }, 60_000);

  it('raced: requests were in flight during the erasures', () => {
    expect(overlapping).toBeGreaterThan(0);
  });
});
