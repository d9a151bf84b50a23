import { randomUUID } from 'node:crypto';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { migratedDatabase } from '../../../test/support/domain-database.ts';
import { deleteObservationsOfPatient, ErasedPatients, IdempotencyConflict, insertObservations, type NewObservation } from '../src/db/ingest-repository.ts';
import { correctObservation } from '../src/db/correction-repository.ts';
import { observationsMigrations } from '../src/index.ts';

const ORG = randomUUID();
const PATIENT = randomUUID();
const DEVICE = randomUUID();
const FROM_DEVICE = { organizationId: ORG, sourceId: DEVICE };

function reading(key: string, value = 72): NewObservation {
  return {
    patientId: PATIENT,
    deviceId: DEVICE,
    code: '8867-4',
    value,
    unit: '/min',
    effectiveAt: new Date('2026-11-20T10:00:00.000Z'),
    idempotencyKey: key,
    reportedValue: null,
    reportedUnit: null,
  };
}

describe('recording observations (real database)', () => {
  let database: Awaited<ReturnType<typeof migratedDatabase>>;
  beforeAll(async () => {
    database = await migratedDatabase(observationsMigrations);
  });
  afterAll(async () => {
    await database?.dispose();
  });
  beforeEach(async () => {
    await database.db.execute(sql`delete from observations.observations`);
    await database.db.execute(sql`delete from observations.observation_keys`);
    await database.db.execute(sql`delete from observations.erased_patients`);
    await database.db.execute(sql`delete from observations.observation_revisions`);
  });

  async function rowCount(): Promise<number> {
    const result = (await database.db.execute(sql`select count(*)::int as n from observations.observations`)) as unknown;
    const rows = Array.isArray(result) ? result : (result as { rows: { n: number }[] }).rows;
    return Number(rows[0].n);
  }

  it('writes a batch with one INSERT and returns the stored rows in input order', async () => {
    const before = database.statements.count;
    const { rows, recorded } = await insertObservations(database.db, FROM_DEVICE, [reading('a', 70), reading('b', 71), reading('c', 72)]);
    expect(recorded).toBe(3);
    expect(rows.map((row) => row.value)).toEqual([70, 71, 72]);
    // One INSERT for the whole batch; no statement per row.
    expect(database.statements.count - before).toBeLessThanOrEqual(3);
    expect(await rowCount()).toBe(3);
  });

  it('records nothing twice when a batch is retried, answering with the original rows', async () => {
    const first = await insertObservations(database.db, FROM_DEVICE, [reading('a'), reading('b')]);
    const retry = await insertObservations(database.db, FROM_DEVICE, [reading('a'), reading('b'), reading('c')]);
    expect(retry.recorded).toBe(1);
    expect(retry.rows.slice(0, 2).map((row) => row.id)).toEqual(first.rows.map((row) => row.id));
    expect(await rowCount()).toBe(3);
  });

  it('stores one row when the same batch arrives concurrently', async () => {
    const batch = Array.from({ length: 20 }, (_, i) => reading(`k${i}`, 60 + i));
    const results = await Promise.all(Array.from({ length: 5 }, () => insertObservations(database.db, FROM_DEVICE, batch)));
    expect(results.reduce((total, result) => total + result.recorded, 0)).toBe(20);
    expect(await rowCount()).toBe(20);
    const ids = results.map((result) => result.rows.map((row) => row.id).join());
    expect(new Set(ids).size).toBe(1);
  });

  it('rejects a reused key with a different payload and rolls the whole batch back', async () => {
    await insertObservations(database.db, FROM_DEVICE, [reading('a', 70)]);
    const attempt = insertObservations(database.db, FROM_DEVICE, [reading('new-1'), reading('a', 99), reading('new-2')]);
    await expect(attempt).rejects.toBeInstanceOf(IdempotencyConflict);
    await expect(attempt).rejects.toMatchObject({ index: 1 });
    expect(await rowCount()).toBe(1);
  });

  it('scopes keys to the sender', async () => {
    await insertObservations(database.db, FROM_DEVICE, [reading('same')]);
    const other = await insertObservations(database.db, { ...FROM_DEVICE, sourceId: 'sub:integrator-1' }, [reading('same')]);
    expect(other.recorded).toBe(1);
    expect(await rowCount()).toBe(2);
  });

  it('scopes keys to the organization too: the same sender subject in another organization is another sender', async () => {
    await insertObservations(database.db, { ...FROM_DEVICE, sourceId: 'sub:ehr-client' }, [reading('shared-key')]);
    const otherOrganization = await insertObservations(database.db, { organizationId: randomUUID(), sourceId: 'sub:ehr-client' }, [
      reading('shared-key', 99),
    ]);
    expect(otherOrganization.recorded).toBe(1);
    expect(await rowCount()).toBe(2);
  });

  it('keeps the value as sent beside the converted one', async () => {
    const { rows } = await insertObservations(database.db, FROM_DEVICE, [
      { ...reading('weight'), code: '29463-7', value: 68.0388555, unit: 'kg', reportedValue: 150, reportedUnit: '[lb_av]' },
    ]);
    expect(rows[0]).toMatchObject({ value: 68.0388555, unit: 'kg', reportedValue: 150, reportedUnit: '[lb_av]' });
  });

  it('records nothing for an erased patient, and erasure removes every reading of the patient', async () => {
    await insertObservations(database.db, FROM_DEVICE, [reading('before-1'), reading('before-2')]);
    const deleted = await deleteObservationsOfPatient(database.db, ORG, PATIENT, async () => {});
    expect(deleted).toBe(2);
    const other = { ...reading('other-patient'), patientId: randomUUID() };
    const attempt = insertObservations(database.db, FROM_DEVICE, [other, reading('after')]);
    await expect(attempt).rejects.toBeInstanceOf(ErasedPatients);
    await expect(attempt).rejects.toMatchObject({ indexes: [1] });
    // All or nothing: the other patient's reading of the refused batch was not kept either.
    expect(await rowCount()).toBe(0);
  });

  it('answers a retry of a corrected reading as a duplicate (compared with what was first recorded), and still refuses another payload', async () => {
    const [first] = (await insertObservations(database.db, FROM_DEVICE, [reading('amended', 72)])).rows;
    await correctObservation(database.db, ORG, first!.id, { status: 'AMENDED', value: { value: 80, unit: '/min', reportedValue: null, reportedUnit: null }, reason: 'r', changedBy: 'sub:c' }, async () => {});
    const retry = await insertObservations(database.db, FROM_DEVICE, [reading('amended', 72)]);
    expect(retry.recorded).toBe(0);
    expect(retry.rows[0]).toMatchObject({ id: first!.id, value: 80, status: 'AMENDED' });
    await expect(insertObservations(database.db, FROM_DEVICE, [reading('amended', 80)])).rejects.toBeInstanceOf(IdempotencyConflict);
  });

  it('stores keys and values exactly, whatever characters they hold, and a reading without a device', async () => {
    const awkward = ['a,b', '"quoted"', 'back\\slash', '{braces}', 'NULL', ' spaced ', 'ünïcödé'];
    const batch = awkward.map((key, i) => ({ ...reading(key, 60.25 + i), deviceId: i === 0 ? null : DEVICE }));
    const { rows, recorded } = await insertObservations(database.db, FROM_DEVICE, batch);
    expect(recorded).toBe(awkward.length);
    expect(rows.map((row) => row.idempotencyKey)).toEqual(awkward);
    expect(rows.map((row) => row.value)).toEqual(awkward.map((_, i) => 60.25 + i));
    expect(rows[0]!.deviceId).toBeNull();
    expect(rows.every((row) => row.organizationId === ORG && row.effectiveAt.getTime() === reading('x').effectiveAt.getTime())).toBe(true);
    // The retry finds each of them again by key.
    const retry = await insertObservations(database.db, FROM_DEVICE, batch);
    expect(retry.recorded).toBe(0);
    expect(retry.rows.map((row) => row.id)).toEqual(rows.map((row) => row.id));
  });
});
