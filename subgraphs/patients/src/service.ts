import type { DomainService } from '@caregraph/platform';
import { writeDemoPatients } from './demo.ts';
import { createPatientsSubgraph, patientsMigrations } from './index.ts';

export const patientsService: DomainService = {
  name: 'patients',
  migrations: patientsMigrations,
  peers: [],
  create: ({ db, phiKeys }) => createPatientsSubgraph({ db, phiKeys }),
  writeDemoData: ({ db, phiKeys }, plan) => writeDemoPatients(db, phiKeys, plan),
};
