import { and, asc, eq, gt, inArray, or, sql } from 'drizzle-orm';
import type { Db } from '@caregraph/platform';
import { careTeamMembers, patients, type PatientRow } from './schema.ts';

export type PatientRecord = PatientRow;

export interface NewPatient {
  organizationId: string;
  mrn: string;
  familyName: string;
  givenNames: string[];
  birthDate: string;
  sex: PatientRow['sex'];
  email: string | null;
  phone: string | null;
}

export type PatientChanges = Partial<Omit<NewPatient, 'organizationId'>>;

/** All SQL of the patients domain. Batched reads take many ids so DataLoaders can use them. */
export class PatientRepository {
  constructor(private readonly db: Db) {}

  async findByIds(ids: readonly string[]): Promise<PatientRecord[]> {
    if (ids.length === 0) return [];
    return this.db.select().from(patients).where(inArray(patients.id, [...ids]));
  }

  /** One page in (created_at, id) order; `limit` should be the page size + 1. */
  async list(limit: number, after: { createdAt: Date; id: string } | null): Promise<PatientRecord[]> {
    const afterCursor = after
      ? or(
          gt(patients.createdAt, after.createdAt),
          and(eq(patients.createdAt, after.createdAt), gt(patients.id, after.id)),
        )
      : undefined;
    return this.db
      .select()
      .from(patients)
      .where(afterCursor)
      .orderBy(asc(patients.createdAt), asc(patients.id))
      .limit(limit);
  }

  async careTeams(patientIds: readonly string[]): Promise<Map<string, string[]>> {
    const teams = new Map<string, string[]>(patientIds.map((id) => [id, []]));
    if (patientIds.length === 0) return teams;
    const rows = await this.db
      .select({ patientId: careTeamMembers.patientId, clinicianId: careTeamMembers.clinicianId })
      .from(careTeamMembers)
      .where(inArray(careTeamMembers.patientId, [...patientIds]))
      .orderBy(asc(careTeamMembers.addedAt), asc(careTeamMembers.clinicianId));
    for (const row of rows) teams.get(row.patientId)?.push(row.clinicianId);
    return teams;
  }

  async insert(patient: NewPatient): Promise<PatientRecord> {
    const [row] = await this.db.insert(patients).values(patient).returning();
    return row!;
  }

  async update(id: string, changes: PatientChanges): Promise<PatientRecord | null> {
    const [row] = await this.db
      .update(patients)
      .set({ ...changes, updatedAt: sql`now()` })
      .where(eq(patients.id, id))
      .returning();
    return row ?? null;
  }

  async addCareTeamMember(patient: PatientRecord, clinicianId: string): Promise<void> {
    await this.db
      .insert(careTeamMembers)
      .values({ patientId: patient.id, clinicianId, organizationId: patient.organizationId })
      .onConflictDoNothing();
  }
}
