import type { DomainService } from '@caregraph/platform';
import { writeDemoDevices } from './demo.ts';
import { createDevicesSubgraph, devicesMigrations } from './index.ts';

export const devicesService: DomainService = {
  name: 'devices',
  migrations: devicesMigrations,
  peers: ['patients'],
  create: ({ db, peers }) => createDevicesSubgraph({ db, patients: peers.patients! }),
  writeDemoData: ({ db }, plan) => writeDemoDevices(db, plan),
};
