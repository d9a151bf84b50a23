import { auditIntegrityFrom, auditMigrations, bindAuditIntegrity } from '../audit/index.ts';
import { applyMigrations } from '../db/migrate.ts';
import { openDatabase, type Database } from '../db/database.ts';
import { planDemoData, SMALL_DEMO, type DemoPlan } from '../demo/plan.ts';
import type { DomainService, StorageDeps } from '../domain-service.ts';
import type { ServiceConfig } from '../config.ts';
import { phiKeysFrom, type PhiKeys } from '../crypto/phi-keys.ts';
import { log } from '../log/logger.ts';

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
    for (const service of services) await service.maintenance?.run(database.db);
    const maintained = withMaintenance(database, services);
    if (!config.demoData) return { database: maintained, phiKeys, seeded: null };
    const plan = planDemoData(SMALL_DEMO);
    const seeded = await writeDemoData({ db: database.db, phiKeys }, services, plan);
    return { database: maintained, phiKeys, seeded: seeded ? plan : null };
  } catch (error) {
    await database.close();
    throw error;
  }
}

/**
 * Runs each domain's storage upkeep every `everyMs` until the database is closed. A failed run is
 * logged and tried again next time: what it prepares ahead (partitions) is not needed yet.
 */
function withMaintenance(database: Database, services: readonly DomainService[]): Database {
  const timers = services.flatMap((service) => {
    const maintenance = service.maintenance;
    if (!maintenance) return [];
    const timer = setInterval(() => {
      maintenance.run(database.db).catch((error: unknown) => log.error({ err: error, service: service.name }, 'storage maintenance failed'));
    }, maintenance.everyMs);
    timer.unref();
    return [timer];
  });
  if (timers.length === 0) return database;
  return {
    ...database,
    close: async () => {
      for (const timer of timers) clearInterval(timer);
      await database.close();
    },
  };
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
