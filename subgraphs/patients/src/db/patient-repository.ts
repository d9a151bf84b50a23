import { and, asc, eq, gt, inArray, or, sql, type SQL } from 'drizzle-orm';
import type { Db, Reach } from '@caregraph/platform';
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

/**
 * All SQL of the patients domain, scoped to one viewer's reach: a patient outside it is not found
 * by any read, exactly as if it did not exist. Batched reads take many ids for DataLoaders.
 */
export class PatientRepository {
  private readonly inReach: SQL | undefined;

  constructor(
    private readonly db: Db,
    reach: Reach,
  ) {
    this.inReach = reachCondition(reach);
  }

  async findByIds(ids: readonly string[]): Promise<PatientRecord[]> {
    if (ids.length === 0) return [];
    return this.db.select().from(patients).where(and(inArray(patients.id, [...ids]), this.inReach));
  }

  /** Patients whose care team includes the clinician, within the organization. */
  async careTeamPanel(organizationId: string, clinicianId: string): Promise<string[]> {
    const rows = await this.db
      .select({ patientId: careTeamMembers.patientId })
      .from(careTeamMembers)
      .where(and(eq(careTeamMembers.organizationId, organizationId), eq(careTeamMembers.clinicianId, clinicianId)));
    return rows.map((row) => row.patientId);
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
      .where(and(afterCursor, this.inReach))
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
      .where(and(eq(patients.id, id), this.inReach))
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
