import type { PhiKeys } from './crypto/phi-keys.ts';
import type { Db } from './db/database.ts';
import type { MigrationSet } from './db/migrate.ts';
import type { DemoPlan } from './demo/plan.ts';
import type { SubgraphTransport } from './federation/transport.ts';
import type { Subgraph } from './subgraph.ts';

/**
 * What a host (the monolith's router, or a subgraph's own process) needs to run one domain:
 * its migrations, how to build it from a database and its peers, and how to write its demo data.
 */
export interface DomainService {
  name: string;
  migrations: MigrationSet;
  /** Other subgraphs this domain asks for entity lookups. */
  peers: readonly string[];
  /** It encrypts PHI with the key-encryption keys (production requires them to be provisioned). */
  encryptsPhi?: boolean;
  /**
   * Upkeep of the domain's own storage (e.g. creating time partitions ahead, retention): run after
   * the migrations at every start, then every `everyMs` while the database is open. Must be
   * idempotent and safe with several replicas running it at once.
   */
  maintenance?: StorageMaintenance;
  create(deps: ServiceDeps): Subgraph;
  writeDemoData(deps: StorageDeps, plan: DemoPlan, onProgress?: (done: number, total: number) => void): Promise<boolean>;
}

export interface StorageMaintenance {
  /** How often it runs after start-up, in ms. */
  everyMs: number;
  run(db: Db): Promise<void>;
}

/** What a domain stores with: its database and the keys for PHI it encrypts. */
export interface StorageDeps {
  db: Db;
  phiKeys: PhiKeys;
}

export interface ServiceDeps extends StorageDeps {
  peers: Record<string, SubgraphTransport>;
}
