import { auditMigrations, type DomainService } from '@caregraph/platform';
import { createAuditSubgraph } from './index.ts';

export const auditService: DomainService = {
  name: 'audit',
  migrations: auditMigrations,
  peers: ['patients'],
  create: ({ db, peers }) => createAuditSubgraph({ db, patients: peers.patients! }),
  writeDemoData: async () => false,
};
