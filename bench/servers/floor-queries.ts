import { randomUUID } from 'node:crypto';
import { decryptField, type PhiKeys } from '@caregraph/platform';
import { VITAL_CODES } from '@caregraph/observations/codes';
import { PatientVault } from '@caregraph/patients/crypto/patient-vault';
import { ageBand } from '@caregraph/patients/resolvers/patient';
import type { Sql } from 'postgres';

/**
 * The floor: what a hand-written service would run for each workload, through postgres.js with no
 * GraphQL, no federation and no per-field machinery: the fewest statements that fetch the same
 * data (run side by side when independent), the caller's care team checked in SQL, and only the
 * identifiers it shows (name, birth date) decrypted with the same keys and cipher.
 */
export class FloorQueries {
  private readonly vault: PatientVault;
  private readonly codes = VITAL_CODES.map((vital) => vital.code);
  private readonly displays = new Map(VITAL_CODES.map((vital) => [vital.code, vital.display]));
  /** Statements issued, for statements per request. */
  statements = 0;

  constructor(
    private readonly sql: Sql,
    phiKeys: PhiKeys,
    private readonly caller: { organizationId: string; clinicianId: string },
  ) {
    this.vault = new PatientVault(phiKeys.keys, phiKeys.blindIndex);
  }

  /** W1: 3 statements, side by side. */
  async dashboard(patientId: string) {
    const [patients, devices, vitals] = await Promise.all([this.patients([patientId], 1), this.devicesOf([patientId]), this.latestVitals([patientId])]);
    const patient = patients[0];
    if (!patient) return null;
    return { ...patient, devices, latestVitals: vitals };
  }

  /** W2: the page, then its devices and latest vitals side by side: 3 statements. */
  async careTeamList(first: number) {
    const patients = await this.patients(null, first);
    const ids = patients.map((patient) => patient.id);
    const [devices, vitals] = await Promise.all([this.devicesOf(ids), this.latestVitals(ids)]);
    return patients.map((patient) => ({
      ...patient,
      devices: devices.filter((device) => device.patientId === patient.id),
      latestVitals: vitals.filter((vital) => vital.patientId === patient.id),
    }));
  }

  /** W3: one statement, the care-team check included. */
  async vitalsChart(patientId: string, from: Date, to: Date) {
    this.statements += 1;
    return this.sql`
      select date_bin('1 hour', effective_at, timestamptz '2000-01-01 00:00:00+00') as start,
             min(value) as min, max(value) as max, avg(value) as mean, count(*)::int as count
      from observations.observations
      where patient_id = ${patientId} and code = '8867-4' and effective_at >= ${from} and effective_at < ${to}
        and exists (select 1 from patients.care_team_members m where m.patient_id = ${patientId} and m.clinician_id = ${this.caller.clinicianId})
      group by 1 order by 1`;
  }

  /** W4: one statement per batch, the readings and their idempotency keys (observation_keys). */
  async ingest(sourceId: string, input: { idempotencyKey: string; patientId: string; deviceId: string; code: string; value: number; unit: string; effectiveAt: string }[]) {
    this.statements += 1;
    const ids = input.map(() => randomUUID());
    const rows = input.map((item, index) => ({
      id: ids[index]!,
      organization_id: this.caller.organizationId,
      patient_id: item.patientId,
      device_id: item.deviceId,
      code: item.code,
      value: item.value,
      unit: item.unit,
      effective_at: new Date(item.effectiveAt),
      source_id: sourceId,
    }));
    const keys = input.map((item, index) => ({
      organization_id: this.caller.organizationId,
      source_id: sourceId,
      idempotency_key: item.idempotencyKey,
      observation_id: ids[index]!,
      effective_at: new Date(item.effectiveAt),
    }));
    const result = await this.sql`with k as (insert into observations.observation_keys ${this.sql(keys)})
      insert into observations.observations ${this.sql(rows)}`;
    return { recorded: result.count };
  }

  private async patients(ids: string[] | null, limit: number) {
    this.statements += 1;
    const rows = await this.sql<{ id: string; name_enc: string; birth_date_enc: string; kek_id: string; kek_version: number; wrapped_key: string }[]>`
      select p.id, p.name_enc, p.birth_date_enc, k.kek_id, k.kek_version, k.wrapped_key
      from patients.patients p join patients.patient_keys k on k.patient_id = p.id
      where p.organization_id = ${this.caller.organizationId}
        and exists (select 1 from patients.care_team_members m where m.patient_id = p.id and m.clinician_id = ${this.caller.clinicianId})
        ${ids ? this.sql`and p.id = any(${ids}::uuid[])` : this.sql``}
      order by p.created_at, p.id limit ${limit}`;
    return Promise.all(
      rows.map(async (row) => {
        const key = await this.vault.unwrap(row.id, { kekId: row.kek_id, kekVersion: row.kek_version, ciphertext: row.wrapped_key });
        const name = JSON.parse(decryptField(key, row.name_enc, `${row.id}:name`)) as { family: string; given: string[] };
        const birthDate = decryptField(key, row.birth_date_enc, `${row.id}:birth_date`);
        return { id: row.id, name: { text: [...name.given, name.family].join(' ') }, ageBand: ageBand(birthDate) };
      }),
    );
  }

  private devicesOf(patientIds: string[]) {
    this.statements += 1;
    return this.sql<{ id: string; patientId: string; kind: string; serialNumber: string }[]>`
      select id, assigned_patient_id as "patientId", kind, serial_number as "serialNumber"
      from devices.devices
      where assigned_patient_id = any(${patientIds}::uuid[]) and organization_id = ${this.caller.organizationId}
      order by created_at, id`;
  }

  private async latestVitals(patientIds: string[]) {
    this.statements += 1;
    const rows = await this.sql<{ patientId: string; code: string; value: number; unit: string; effectiveAt: Date }[]>`
      select o.patient_id as "patientId", o.code, o.value, o.unit, o.effective_at as "effectiveAt"
      from unnest(${patientIds}::uuid[]) as p(id)
      cross join unnest(${this.codes}::text[]) as c(code)
      cross join lateral (
        select * from observations.observations o
        where o.patient_id = p.id and o.code = c.code
        -- As the index is ordered (DESC NULLS LAST): plain DESC means NULLS FIRST and sorts
        -- every reading of the patient instead of taking the first from the index.
        order by o.effective_at desc nulls last, o.id desc nulls last limit 1
      ) o
      order by o.patient_id, o.code`;
    return rows.map((row) => ({ ...row, display: this.displays.get(row.code) }));
  }
}
