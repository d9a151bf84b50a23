import { auditIntegrityFrom, auditMigrations, bindAuditIntegrity } from '../audit/index.ts';
import { applyMigrations } from '../db/migrate.ts';
import { openDatabase, type Database } from '../db/database.ts';
import { planDemoData, SMALL_DEMO, type DemoPlan } from '../demo/plan.ts';
import type { DomainService, StorageDeps } from '../domain-service.ts';
import type { ServiceConfig } from '../config.ts';
import { phiKeysFrom, type PhiKeys } from '../crypto/phi-keys.ts';

export interface PreparedDatabase {
  database: Database;
  phiKeys: PhiKeys;
  /** The demo plan written, when this start seeded an empty database. */
  seeded: DemoPlan | null;
}

/**
 * Opens the database, applies each domain's committed migrations and, when demo data is on,
 * seeds domains whose tables are empty. Used by every host, so all modes start the same way.
 */
export async function prepareDatabase(config: ServiceConfig, services: readonly DomainService[]): Promise<PreparedDatabase> {
  const database = await openDatabase({
    url: config.databaseUrl,
    dataDir: config.pgliteDir,
    maxConnections: config.poolMax,
    prepareStatements: config.prepareStatements,
    connectTimeoutMs: config.databaseConnectTimeoutMs,
    statementTimeoutMs: config.databaseStatementTimeoutMs,
  });
  try {
    const phiKeys = phiKeysFrom(config);
    bindAuditIntegrity(database.db, auditIntegrityFrom(config));
    await applyMigrations(database, auditMigrations);
    for (const service of services) await applyMigrations(database, service.migrations);
    if (!config.demoData) return { database, phiKeys, seeded: null };
    const plan = planDemoData(SMALL_DEMO);
    const seeded = await writeDemoData({ db: database.db, phiKeys }, services, plan);
    return { database, phiKeys, seeded: seeded ? plan : null };
  } catch (error) {
    await database.close();
    throw error;
  }
}

/**
 * Writes a demo plan, each domain its own part; a domain that already has data is left alone.
 * Returns whether anything was written.
 */
export async function writeDemoData(
  storage: StorageDeps,
  services: readonly DomainService[],
  plan: DemoPlan,
  onProgress?: (service: string, done: number, total: number) => void,
): Promise<boolean> {
  let wrote = false;
  for (const service of services) {
    const progress = onProgress ? (done: number, total: number) => onProgress(service.name, done, total) : undefined;
    wrote = (await service.writeDemoData(storage, plan, progress)) || wrote;
  }
  return wrote;
}
