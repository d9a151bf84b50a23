import { auditMigrations, type DomainService } from '@caregraph/platform';
import { createAuditSubgraph } from './index.ts';

export const auditService: DomainService = {
  name: 'audit',
  migrations: auditMigrations,
  // patients checks a patient before its access log is shown; every domain serves its own trail.
  peers: ['patients', 'devices', 'observations'],
  create: ({ db, peers }) => createAuditSubgraph({ db, patients: peers.patients!, trailPeers: [peers.patients!, peers.devices!, peers.observations!] }),
  writeDemoData: async () => false,
};
