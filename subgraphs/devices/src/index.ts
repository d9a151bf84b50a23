import { fileURLToPath } from 'node:url';
import { defineSubgraph, entityLookup, type Db, type MigrationSet, type Subgraph, type SubgraphTransport } from '@caregraph/platform';
import type { DevicesContext, PatientRef } from './context.ts';
import { DeviceRepository } from './db/device-repository.ts';
import { createLoaders } from './loaders.ts';
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
  const patients = entityLookup<PatientRef>(deps.patients, 'Patient', 'id organizationId');
  return defineSubgraph({
    name: 'devices',
    sdl: new URL('./schema.graphql', import.meta.url),
    resolvers,
    createContext(request) {
      const repository = new DeviceRepository(deps.db);
      return { request, repository, loaders: createLoaders(repository), patients };
    },
  });
}
