import DataLoader from 'dataloader';
import type { PatientRecord, PatientRepository } from './db/patient-repository.ts';

/** Per-request loaders: every patient and care-team read in one request is batched into one query. */
export function createLoaders(repository: PatientRepository) {
  return {
    patientById: new DataLoader<string, PatientRecord | null>(async (ids) => {
      const rows = await repository.findByIds(ids);
      const byId = new Map(rows.map((row) => [row.id, row]));
      return ids.map((id) => byId.get(id) ?? null);
    }),
    careTeamByPatientId: new DataLoader<string, string[]>(async (ids) => {
      const teams = await repository.careTeams(ids);
      return ids.map((id) => teams.get(id) ?? []);
    }),
  };
}

export type PatientLoaders = ReturnType<typeof createLoaders>;
