// `pnpm db:migrate`: applies every domain's committed drizzle-kit migrations, each to its own
// database (`<NAME>_DATABASE_URL`, falling back to DATABASE_URL; the embedded database without
// either). Every domain's database also holds that domain's audit trail, so the audit migrations go
// to each of them. `pnpm start` does the same at start-up; this is for deploy pipelines (a Job or an
// init step before a rollout: docs/deploying.md).
import { applyMigrations, auditMigrations, domainDatabaseUrl, openCommandDatabase, readServiceConfig, type MigrationSet } from '@caregraph/platform';
import { DOMAIN_SERVICES } from '@caregraph/router/services';

const config = readServiceConfig(process.env, { port: 0 });
// Domains sharing a database are migrated together, on one connection, in dependency order.
const byDatabase = new Map<string | undefined, { names: string[]; sets: MigrationSet[] }>();
for (const service of DOMAIN_SERVICES) {
  const url = domainDatabaseUrl(process.env, service.name);
  const entry = byDatabase.get(url) ?? { names: [], sets: [auditMigrations] };
  entry.names.push(service.name);
  if (!entry.sets.includes(service.migrations)) entry.sets.push(service.migrations);
  byDatabase.set(url, entry);
}
for (const [url, { names, sets }] of byDatabase) {
  const database = await openCommandDatabase({ ...config, databaseUrl: url });
  try {
    for (const set of sets) {
      await applyMigrations(database, set);
      console.log(`✓ ${set.schema}: migrations applied${byDatabase.size > 1 ? ` (the database of ${names.join(', ')})` : ''}`);
    }
  } finally {
    await database.close();
  }
}
