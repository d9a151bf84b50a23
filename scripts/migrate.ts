// `pnpm db:migrate`: applies every domain's committed drizzle-kit migrations to DATABASE_URL (or
// the embedded database). `pnpm start` does the same at start-up; this is for deploy pipelines.
import { applyMigrations, auditMigrations, openCommandDatabase, readServiceConfig } from '@caregraph/platform';
import { DOMAIN_SERVICES } from '@caregraph/router/services';

const config = readServiceConfig(process.env, { port: 0 });
const database = await openCommandDatabase(config);
try {
  await applyMigrations(database, auditMigrations);
  console.log('✓ audit: migrations applied');
  for (const service of DOMAIN_SERVICES) {
    await applyMigrations(database, service.migrations);
    console.log(`✓ ${service.name}: migrations applied`);
  }
} finally {
  await database.close();
}
