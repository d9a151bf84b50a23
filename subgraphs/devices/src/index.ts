import { fileURLToPath } from 'node:url';
import {
  AuditLog,
  AuditRecorder,
  careTeamPanelLookup,
  defineSubgraph,
  deviceReach,
  entityLookup,
  scopeResolver,
  type Db,
  type MigrationSet,
  type Subgraph,
  type SubgraphTransport,
} from '@caregraph/platform';
import type { DevicesContext, PatientRef } from './context.ts';
import { DeviceRepository } from './db/device-repository.ts';
import { createLoaders } from './loaders.ts';
import { permissions } from './permissions.ts';
import { resolvers } from './resolvers/index.ts';

export type { DevicesContext } from './context.ts';
export { writeDemoDevices } from './demo.ts';

export const devicesMigrations: MigrationSet = {
  schema: 'devices',
  folder: fileURLToPath(new URL('../drizzle', import.meta.url)),
};

export interface DevicesDeps {
  db: Db;
  /** How to reach the patients subgraph (in memory or HTTP) to check a patient before assigning. */
  patients: SubgraphTransport;
}

/** Builds the devices subgraph; no I/O beyond reading its SDL, no listening. */
export function createDevicesSubgraph(deps: DevicesDeps): Subgraph<DevicesContext> {
  const patients = entityLookup<PatientRef>(deps.patients, 'Patient', 'id');
  const panel = careTeamPanelLookup(deps.patients);
  const auditLog = new AuditLog(deps.db, 'devices');
  return defineSubgraph({
    name: 'devices',
    sdl: new URL('./schema.graphql', import.meta.url),
    resolvers,
    permissions,
    createContext(request) {
      const repository = new DeviceRepository(deps.db);
      const scope = scopeResolver(deviceReach(request.viewer), request, panel);
      const audit = new AuditRecorder(auditLog, request);
      return { request, repository, scope, loaders: createLoaders(repository, scope), patients, audit };
    },
    audit: (context) => context.audit,
  });
}
