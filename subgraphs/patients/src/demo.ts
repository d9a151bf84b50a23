import type { Db, DemoPlan, PhiKeys } from '@caregraph/platform';
import { PatientVault } from './crypto/patient-vault.ts';
import { careTeamMembers, patientKeys, patients } from './db/schema.ts';

const BATCH = 500;

/**
 * Writes the patients part of a demo plan, encrypted like any other patient; returns false
 * (writing nothing) if patients exist.
 */
export async function writeDemoPatients(db: Db, phiKeys: PhiKeys, plan: DemoPlan): Promise<boolean> {
  const existing = await db.select({ id: patients.id }).from(patients).limit(1);
  if (existing.length > 0) return false;
  const vault = new PatientVault(phiKeys.keys, phiKeys.blindIndex);
  await db.transaction(async (tx) => {
    for (let i = 0; i < plan.patients.length; i += BATCH) {
      const slice = plan.patients.slice(i, i + BATCH);
      const sealed = await Promise.all(
        slice.map(async (p) => {
          const { dataKey, wrapped } = await vault.newDataKey(p.id);
          const identifiers = { mrn: p.mrn, familyName: p.family, givenNames: p.given, birthDate: p.birthDate, email: p.email, phone: p.phone };
          return { p, wrapped, fields: vault.seal(p.id, dataKey, identifiers) };
        }),
      );
      await tx.insert(patients).values(
        sealed.map(({ p, fields }) => ({ id: p.id, organizationId: p.organizationId, sex: p.sex, createdAt: p.createdAt, updatedAt: p.createdAt, ...fields })),
      );
      await tx.insert(patientKeys).values(
        sealed.map(({ p, wrapped }) => ({
          patientId: p.id,
          organizationId: p.organizationId,
          kekId: wrapped.kekId,
          kekVersion: wrapped.kekVersion,
          wrappedKey: wrapped.ciphertext,
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
