import { randomUUID } from 'node:crypto';
import { and, asc, eq, gt, or, sql, type SQL } from 'drizzle-orm';
import { inIds, type Db, type InTransaction, type Reach } from '@caregraph/platform';
import type { PatientIdentifiers, PatientVault } from '../crypto/patient-vault.ts';
import { careTeamMembers, patientKeys, patients, type PatientKeyRow, type PatientRow } from './schema.ts';

/** A patient as the domain works with it: identifiers decrypted, in memory only. */
export type PatientRecord = Pick<PatientRow, 'id' | 'organizationId' | 'sex' | 'createdAt' | 'updatedAt'> & PatientIdentifiers;

export interface NewPatient extends PatientIdentifiers {
  organizationId: string;
  sex: PatientRow['sex'];
}

export type PatientChanges = Partial<Omit<NewPatient, 'organizationId'>>;

/** Exact-match lookups, answered through blind indexes. */
export interface PatientFilter {
  mrn?: string | null;
  email?: string | null;
}

type SealedPatient = { patient: PatientRow; key: PatientKeyRow };

/**
 * All SQL of the patients domain, scoped to one viewer's reach: a patient outside it is not found
 * by any read, exactly as if it did not exist. Identifiers are encrypted on the way in and
 * decrypted on the way out (PatientVault); batched reads take many ids for DataLoaders.
 */
export class PatientRepository {
  private readonly inReach: SQL | undefined;

  constructor(
    private readonly db: Db,
    reach: Reach,
    private readonly vault: PatientVault,
  ) {
    this.inReach = reachCondition(reach);
  }

  async findByIds(ids: readonly string[]): Promise<PatientRecord[]> {
    if (ids.length === 0) return [];
    return this.open(await this.sealed(and(inIds(patients.id, ids), this.inReach)));
  }

  /** One page in (created_at, id) order; `limit` should be the page size + 1. */
  async list(limit: number, after: { createdAt: Date; id: string } | null, filter: PatientFilter = {}): Promise<PatientRecord[]> {
    const afterCursor = after
      ? or(gt(patients.createdAt, after.createdAt), and(eq(patients.createdAt, after.createdAt), gt(patients.id, after.id)))
      : undefined;
    const byMrn = filter.mrn ? eq(patients.mrnIndex, this.vault.mrnIndex(filter.mrn)) : undefined;
    const byEmail = filter.email ? eq(patients.emailIndex, this.vault.emailIndex(filter.email)) : undefined;
    return this.open(await this.sealed(and(afterCursor, byMrn, byEmail, this.inReach), limit));
  }

  /** Patients whose care team includes the clinician, within the organization; only those `among` the given ids if any. */
  async careTeamPanel(organizationId: string, clinicianId: string, among?: readonly string[]): Promise<string[]> {
    if (among?.length === 0) return [];
    const rows = await this.db
      .select({ patientId: careTeamMembers.patientId })
      .from(careTeamMembers)
      .where(
        and(
          eq(careTeamMembers.organizationId, organizationId),
          eq(careTeamMembers.clinicianId, clinicianId),
          among ? inIds(careTeamMembers.patientId, among) : undefined,
        ),
      );
    return rows.map((row) => row.patientId);
  }

  async careTeams(patientIds: readonly string[]): Promise<Map<string, string[]>> {
    const teams = new Map<string, string[]>(patientIds.map((id) => [id, []]));
    if (patientIds.length === 0) return teams;
    const rows = await this.db
      .select({ patientId: careTeamMembers.patientId, clinicianId: careTeamMembers.clinicianId })
      .from(careTeamMembers)
      .where(inIds(careTeamMembers.patientId, patientIds))
      .orderBy(asc(careTeamMembers.addedAt), asc(careTeamMembers.clinicianId));
    for (const row of rows) teams.get(row.patientId)?.push(row.clinicianId);
    return teams;
  }

  /** A new patient with a new data key, written together. */
  async insert(patient: NewPatient, inTransaction?: InTransaction<PatientRecord>): Promise<PatientRecord> {
    const id = randomUUID();
    const { dataKey, wrapped } = await this.vault.newDataKey(id);
    const sealed = this.vault.seal(id, dataKey, patient);
    return this.db.transaction(async (tx) => {
      const [row] = await tx
        .insert(patients)
        .values({ id, organizationId: patient.organizationId, sex: patient.sex, ...sealed })
        .returning();
      await tx.insert(patientKeys).values({
        patientId: id,
        organizationId: patient.organizationId,
        kekId: wrapped.kekId,
        kekVersion: wrapped.kekVersion,
        wrappedKey: wrapped.ciphertext,
      });
      const record = { ...pick(row!), ...identifiersOf(patient) };
      await inTransaction?.(tx as unknown as Db, record);
      return record;
    });
  }

  /** Re-seals the identifiers with the patient's own data key; a patient out of reach is not changed. */
  async update(existing: PatientRecord, changes: PatientChanges, inTransaction?: InTransaction<PatientRecord>): Promise<PatientRecord | null> {
    const [found] = await this.sealed(and(eq(patients.id, existing.id), this.inReach));
    if (!found) return null;
    const dataKey = await this.dataKeyOf(found);
    const merged = { ...identifiersOf(existing), ...identifiersOf(changes) };
    return this.db.transaction(async (tx) => {
      const [row] = await tx
        .update(patients)
        .set({ ...this.vault.seal(existing.id, dataKey, merged), sex: changes.sex ?? existing.sex, updatedAt: sql`now()` })
        .where(and(eq(patients.id, existing.id), this.inReach))
        .returning();
      if (!row) return null;
      const record = { ...pick(row), ...merged };
      await inTransaction?.(tx as unknown as Db, record);
      return record;
    });
  }

  async addCareTeamMember(patient: PatientRecord, clinicianId: string, inTransaction?: InTransaction<PatientRecord>): Promise<void> {
    await this.db.transaction(async (tx) => {
      await tx
        .insert(careTeamMembers)
        .values({ patientId: patient.id, clinicianId, organizationId: patient.organizationId })
        .onConflictDoNothing();
      await inTransaction?.(tx as unknown as Db, patient);
    });
  }

  /**
   * Erasure: destroys the patient's data key (crypto-shredding: every ciphertext of theirs, in
   * any copy, becomes unreadable) and deletes the record and care team, with the audit event.
   */
  async erase(patient: PatientRecord, inTransaction: InTransaction<PatientRecord>): Promise<void> {
    await this.db.transaction(async (tx) => {
      await inTransaction(tx as unknown as Db, patient);
      await tx.delete(patientKeys).where(eq(patientKeys.patientId, patient.id));
      await tx.delete(patients).where(and(eq(patients.id, patient.id), this.inReach));
    });
  }

  private async sealed(where: SQL | undefined, limit?: number): Promise<SealedPatient[]> {
    const query = this.db
      .select({ patient: patients, key: patientKeys })
      .from(patients)
      .innerJoin(patientKeys, eq(patientKeys.patientId, patients.id))
      .where(where)
      .orderBy(asc(patients.createdAt), asc(patients.id));
    return limit === undefined ? query : query.limit(limit);
  }

  private dataKeyOf({ patient, key }: SealedPatient): Promise<Buffer> {
    return this.vault.unwrap(patient.id, { kekId: key.kekId, kekVersion: key.kekVersion, ciphertext: key.wrappedKey });
  }

  private open(rows: SealedPatient[]): Promise<PatientRecord[]> {
    return Promise.all(
      rows.map(async (row) => ({ ...pick(row.patient), ...this.vault.open(row.patient, await this.dataKeyOf(row)) })),
    );
  }
}

function pick(row: PatientRow): Omit<PatientRecord, keyof PatientIdentifiers> {
  return { id: row.id, organizationId: row.organizationId, sex: row.sex, createdAt: row.createdAt, updatedAt: row.updatedAt };
}

function identifiersOf<T extends Partial<PatientIdentifiers>>(source: T): Pick<T, keyof PatientIdentifiers & keyof T> {
  const keys = ['mrn', 'familyName', 'givenNames', 'birthDate', 'email', 'phone'] as const;
  return Object.fromEntries(keys.filter((key) => source[key] !== undefined).map((key) => [key, source[key]])) as never;
}

function reachCondition(reach: Reach): SQL | undefined {
  switch (reach.kind) {
    case 'all':
      return undefined;
    case 'organization':
      return eq(patients.organizationId, reach.organizationId);
    case 'careTeam':
      return and(
        eq(patients.organizationId, reach.organizationId),
        sql`exists (select 1 from ${careTeamMembers} where ${careTeamMembers.patientId} = ${patients.id} and ${careTeamMembers.clinicianId} = ${reach.clinicianId})`,
      );
    case 'patient':
      return and(eq(patients.organizationId, reach.organizationId), eq(patients.id, reach.patientId));
    default:
      return sql`false`;
  }
}
