// `pnpm seed [--organizations N] [--patients N] [--clinicians N] [--days N] [--interval MIN] [--seed N] [--allow-production]`
// Writes the deterministic synthetic demo data set into DATABASE_URL (or the embedded database).
// Domains that already hold data are left alone; use a fresh database for a different size.
// With NODE_ENV=production it refuses (synthetic patients among real ones), unless
// --allow-production says so; even then it never creates KEYS_FILE: the file must exist.
import { existsSync } from 'node:fs';
import { parseArgs } from 'node:util';
import {
  applyMigrations,
  auditMigrations,
  ConfigError,
  openCommandDatabase,
  phiKeysFrom,
  planDemoData,
  readServiceConfig,
  SMALL_DEMO,
  writeDemoData,
} from '@caregraph/platform';
import { DOMAIN_SERVICES } from '@caregraph/router/services';

const { values } = parseArgs({
  options: {
    organizations: { type: 'string' },
    patients: { type: 'string' },
    clinicians: { type: 'string' },
    days: { type: 'string' },
    interval: { type: 'string' },
    seed: { type: 'string' },
    'allow-production': { type: 'boolean' },
    help: { type: 'boolean', short: 'h' },
  },
});
if (values.help) {
  console.log(`Usage: pnpm seed [options]
  --organizations N   organizations (default ${SMALL_DEMO.organizations})
  --patients N        patients per organization (default ${SMALL_DEMO.patientsPerOrganization})
  --clinicians N      clinicians per organization (default ${SMALL_DEMO.cliniciansPerOrganization})
  --days N            days of observations up to now (default ${SMALL_DEMO.days})
  --interval MIN      minutes between two readings of a device (default ${SMALL_DEMO.intervalMinutes})
  --seed N            random seed; the same seed gives the same data (default ${SMALL_DEMO.seed})
  --allow-production  seed even with NODE_ENV=production (refused without it); KEYS_FILE must exist`);
  process.exit(0);
}

function positive(name: 'organizations' | 'patients' | 'clinicians' | 'days' | 'interval' | 'seed', fallback: number): number {
  const raw = values[name];
  if (raw === undefined) return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < 1) {
    console.error(`--${name} must be a positive integer`);
    process.exit(2);
  }
  return value;
}

const plan = planDemoData({
  organizations: positive('organizations', SMALL_DEMO.organizations),
  patientsPerOrganization: positive('patients', SMALL_DEMO.patientsPerOrganization),
  cliniciansPerOrganization: positive('clinicians', SMALL_DEMO.cliniciansPerOrganization),
  days: positive('days', SMALL_DEMO.days),
  intervalMinutes: positive('interval', SMALL_DEMO.intervalMinutes),
  seed: positive('seed', SMALL_DEMO.seed),
});

function refuse(message: string): never {
  console.error(message);
  process.exit(1);
}

let config: ReturnType<typeof readServiceConfig>;
try {
  config = readServiceConfig(process.env, { port: 0 });
} catch (error) {
  if (error instanceof ConfigError) refuse(error.message);
  throw error;
}
// Checked before anything is opened or created: synthetic patients must never land among real
// ones by a mistyped command, and production keys are provisioned, never made up on the spot.
if (config.production) {
  const target = config.databaseUrl ? 'the database DATABASE_URL names' : `the embedded database${config.pgliteDir ? ` in ${config.pgliteDir}` : ''}`;
  if (!values['allow-production']) {
    refuse(
      `pnpm seed refuses NODE_ENV=production: it would write synthetic demo patients, clinicians and readings into ${target}.\n` +
        'To seed a production-mode database anyway (a staging or demo install), pass --allow-production.',
    );
  }
  if (!existsSync(config.keysFile)) {
    refuse(
      `KEYS_FILE (${config.keysFile}) does not exist: in production pnpm seed does not create the PHI encryption keys; ` +
        'provision the file the platform uses (pnpm keys:rotate creates one) and point KEYS_FILE at it.',
    );
  }
}
const database = await openCommandDatabase(config);
try {
  await applyMigrations(database, auditMigrations);
  for (const service of DOMAIN_SERVICES) await applyMigrations(database, service.migrations);
  console.log(
    `Seeding ${plan.organizations.length} organizations, ${plan.patients.length} patients, ` +
      `${plan.devices.length} devices, ${plan.observationCount} observations…`,
  );
  let lastPrint = 0;
  const wrote = await writeDemoData({ db: database.db, phiKeys: phiKeysFrom(config) }, DOMAIN_SERVICES, plan, (service, done, total) => {
    if (Date.now() - lastPrint < 500 && done < total) return;
    lastPrint = Date.now();
    process.stdout.write(`\r  ${service}: ${done}/${total} (${Math.floor((done / total) * 100)}%)   `);
    if (done === total) process.stdout.write('\n');
  });
  console.log(wrote ? 'Done.' : 'Nothing written: every domain already has data.');
} finally {
  await database.close();
}
