import type { DomainService } from '@caregraph/platform';
import { writeDemoPatients } from './demo.ts';
import { createPatientsSubgraph, patientsMigrations } from './index.ts';

export const patientsService: DomainService = {
  name: 'patients',
  migrations: patientsMigrations,
  peers: ['observations', 'devices'],
  encryptsPhi: true,
  create: ({ db, phiKeys, peers }) =>
    createPatientsSubgraph({ db, phiKeys, peers: { observations: peers.observations!, devices: peers.devices! } }),
  writeDemoData: ({ db, phiKeys }, plan) => writeDemoPatients(db, phiKeys, plan),
};
