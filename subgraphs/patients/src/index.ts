import { fileURLToPath } from 'node:url';
import { defineSubgraph, patientReach, type Db, type MigrationSet, type Subgraph } from '@caregraph/platform';
import type { PatientsContext } from './context.ts';
import { PatientRepository } from './db/patient-repository.ts';
import { createLoaders } from './loaders.ts';
import { permissions } from './permissions.ts';
import { resolvers } from './resolvers/index.ts';

export type { PatientsContext } from './context.ts';
export { writeDemoPatients } from './demo.ts';

export const patientsMigrations: MigrationSet = {
  schema: 'patients',
  folder: fileURLToPath(new URL('../drizzle', import.meta.url)),
};

export interface PatientsDeps {
  db: Db;
}

/** Builds the patients subgraph; no I/O beyond reading its SDL, no listening. */
export function createPatientsSubgraph(deps: PatientsDeps): Subgraph<PatientsContext> {
  return defineSubgraph({
    name: 'patients',
    sdl: new URL('./schema.graphql', import.meta.url),
    resolvers,
    permissions,
    createContext(request) {
      const repository = new PatientRepository(deps.db, patientReach(request.viewer));
      return { request, repository, loaders: createLoaders(repository) };
    },
  });
}
