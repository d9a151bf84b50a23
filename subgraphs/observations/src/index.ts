import { fileURLToPath } from 'node:url';
import {
  AuditLog,
  AuditRecorder,
  careTeamPanelLookup,
  defineSubgraph,
  entityLookup,
  observationReach,
  scopeResolver,
  type Db,
  type MigrationSet,
  type Subgraph,
  type SubgraphTransport,
} from '@caregraph/platform';
import type { DeviceDirectory, DeviceRef, EntityRef, ObservationsContext } from './context.ts';
import { ObservationRepository } from './db/observation-repository.ts';
import { DEFAULT_INGESTION_POLICY, type IngestionPolicy } from './ingestion-policy.ts';
import { createLoaders } from './loaders.ts';
import { devicesSeenVia } from './devices-seen.ts';
import { permissions } from './permissions.ts';
import { resolvers } from './resolvers/index.ts';

export type { ObservationsContext } from './context.ts';
export { writeDemoObservations } from './demo.ts';
export { VITAL_CODES } from './codes.ts';

export const observationsMigrations: MigrationSet = {
  schema: 'observations',
  folder: fileURLToPath(new URL('../drizzle', import.meta.url)),
};

export interface ObservationsDeps {
  db: Db;
  /** Reaches the patients subgraph to check the patients of an ingested batch. */
  patients: SubgraphTransport;
  /** Reaches the devices subgraph to check the devices of an ingested batch. */
  devices: SubgraphTransport;
  /** How old an arriving reading may be; default {@link DEFAULT_INGESTION_POLICY}. */
  ingestion?: IngestionPolicy;
}

/** Builds the observations subgraph; no I/O beyond reading its SDL, no listening. */
export function createObservationsSubgraph(deps: ObservationsDeps): Subgraph<ObservationsContext> {
  // Lookups run as the caller: the owning domain returns only what the caller can reach.
  const patients = entityLookup<EntityRef>(deps.patients, 'Patient', 'id');
  const deviceLookup = entityLookup<DeviceRef>(
    deps.devices,
    'Device',
    'id ingestionKind assignmentsDuring(from: $from, to: $to) { patientId assignedAt unassignedAt }',
    'id',
    { from: 'DateTime!', to: 'DateTime!' },
  );
  const devices: DeviceDirectory = (ids, request, range) =>
    deviceLookup(ids, request, { from: range.from.toISOString(), to: range.to.toISOString() });
  const panel = careTeamPanelLookup(deps.patients);
  const devicesSeen = devicesSeenVia(deps.devices);
  const auditLog = new AuditLog(deps.db, 'observations');
  const ingestion = deps.ingestion ?? DEFAULT_INGESTION_POLICY;
  return defineSubgraph({
    name: 'observations',
    sdl: new URL('./schema.graphql', import.meta.url),
    resolvers,
    permissions,
    createContext(request) {
      const repository = new ObservationRepository(deps.db);
      const scope = scopeResolver(observationReach(request.viewer), request, panel);
      const audit = new AuditRecorder(auditLog, request);
      return { request, db: deps.db, repository, scope, loaders: createLoaders(repository, scope), patients, devices, devicesSeen, audit, ingestion };
    },
    audit: (context) => context.audit,
  });
}
