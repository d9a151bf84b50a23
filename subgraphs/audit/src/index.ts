import {
  AuditLog,
  AuditRecorder,
  defineSubgraph,
  entityLookup,
  type Db,
  type Subgraph,
  type SubgraphTransport,
} from '@caregraph/platform';
import { TrailReader } from './trail-reader.ts';
import { permissions } from './permissions.ts';
import { resolvers, type AuditContext } from './resolvers.ts';

export interface AuditDeps {
  db: Db;
  /** Reaches the patients subgraph to check a patient before showing its access log. */
  patients: SubgraphTransport;
  /** The other domains, whose audit trails are read where their databases are their own (see TrailReader). */
  trailPeers?: readonly SubgraphTransport[];
}

/** Builds the audit subgraph (auditEvents, Patient.accessLog); no I/O beyond reading its SDL. */
export function createAuditSubgraph(deps: AuditDeps): Subgraph<AuditContext> {
  const patients = entityLookup<{ id: string }>(deps.patients, 'Patient', 'id');
  const auditLog = new AuditLog(deps.db, 'audit');
  const accessLog = new AuditLog(deps.db, 'access');
  const events = new TrailReader(deps.db, deps.trailPeers ?? []);
  return defineSubgraph({
    name: 'audit',
    sdl: new URL('./schema.graphql', import.meta.url),
    resolvers,
    permissions,
    createContext(request) {
      return {
        request,
        events,
        audit: new AuditRecorder(auditLog, request),
        accessLog,
        canReachPatient: async (patientId) => (await patients([patientId], request)).has(patientId),
      };
    },
    audit: (context) => context.audit,
  });
}
