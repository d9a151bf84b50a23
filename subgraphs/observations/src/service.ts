import type { DomainService } from '@caregraph/platform';
import { writeDemoObservations } from './demo.ts';
import { createObservationsSubgraph, observationsMigrations } from './index.ts';
import { readIngestionPolicy } from './ingestion-policy.ts';
import { readStoragePolicy, storageMaintenance } from './storage-policy.ts';

export const observationsService: DomainService = {
  name: 'observations',
  migrations: observationsMigrations,
  peers: ['patients', 'devices'],
  get maintenance() {
    return storageMaintenance(readStoragePolicy(process.env));
  },
  create: ({ db, peers }) =>
    createObservationsSubgraph({ db, patients: peers.patients!, devices: peers.devices!, ingestion: readIngestionPolicy(process.env) }),
  writeDemoData: ({ db }, plan, onProgress) => writeDemoObservations(db, plan, onProgress),
};
