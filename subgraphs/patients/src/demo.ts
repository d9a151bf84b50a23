import type { Db, DemoPlan } from '@caregraph/platform';
import { careTeamMembers, patients } from './db/schema.ts';

const BATCH = 500;

/** Writes the patients part of a demo plan; returns false (writing nothing) if patients exist. */
export async function writeDemoPatients(db: Db, plan: DemoPlan): Promise<boolean> {
  const existing = await db.select({ id: patients.id }).from(patients).limit(1);
  if (existing.length > 0) return false;
  await db.transaction(async (tx) => {
    for (let i = 0; i < plan.patients.length; i += BATCH) {
      const slice = plan.patients.slice(i, i + BATCH);
      await tx.insert(patients).values(
        slice.map((p) => ({
          id: p.id,
          organizationId: p.organizationId,
          mrn: p.mrn,
          familyName: p.family,
          givenNames: p.given,
          birthDate: p.birthDate,
          sex: p.sex,
          email: p.email,
          phone: p.phone,
          createdAt: p.createdAt,
          updatedAt: p.createdAt,
        })),
      );
      const members = slice.flatMap((p) =>
        p.careTeam.map((clinicianId, order) => ({
          patientId: p.id,
          clinicianId,
          organizationId: p.organizationId,
          addedAt: new Date(p.createdAt.getTime() + order),
        })),
      );
      if (members.length > 0) await tx.insert(careTeamMembers).values(members);
    }
  });
  return true;
}
