import { fileURLToPath } from 'node:url';
import {
  AuditLog,
  AuditRecorder,
  defineSubgraph,
  patientReach,
  type Db,
  type MigrationSet,
  type PhiKeys,
  type Subgraph,
  type SubgraphTransport,
} from '@caregraph/platform';
import { PatientVault } from './crypto/patient-vault.ts';
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
  /** Key provider and blind-index key for the identifiers this domain encrypts. */
  phiKeys: PhiKeys;
  /** The domains that hold a patient's other data, asked to drop it on erasure. */
  peers: { observations: SubgraphTransport; devices: SubgraphTransport };
  /**
   * Seals and opens identifiers; default: a PatientVault over `phiKeys`. Only code can pass
   * another (the benchmark's reads-without-decryption variant); no configuration reaches this.
   */
  vault?: PatientVault;
}

/** Builds the patients subgraph; no I/O beyond reading its SDL, no listening. */
export function createPatientsSubgraph(deps: PatientsDeps): Subgraph<PatientsContext> {
  const vault = deps.vault ?? new PatientVault(deps.phiKeys.keys, deps.phiKeys.blindIndex);
  const auditLog = new AuditLog(deps.db, 'patients');
  return defineSubgraph({
    name: 'patients',
    sdl: new URL('./schema.graphql', import.meta.url),
    resolvers,
    permissions,
    createContext(request) {
      const repository = new PatientRepository(deps.db, patientReach(request.viewer), vault);
      return {
        request,
        repository,
        loaders: createLoaders(repository),
        audit: new AuditRecorder(auditLog, request),
        peers: deps.peers,
      };
    },
    audit: (context) => context.audit,
  });
}
