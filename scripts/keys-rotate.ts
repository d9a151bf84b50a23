// `pnpm keys:rotate`: adds a new key-encryption key version to the local key file (KEYS_FILE) and
// re-wraps every patient's data key under it, online: the platform keeps serving meanwhile, and
// old versions stay in the file so nothing wrapped under them becomes unreadable. With a KMS,
// rotate the key in the KMS instead and run this with --rewrap-only.
import { parseArgs } from 'node:util';
import { applyMigrations, LocalKeyFile, openCommandDatabase, phiKeysFrom, readServiceConfig } from '@caregraph/platform';
import { PatientVault } from '@caregraph/patients/crypto/patient-vault';
import { rewrapDataKeys } from '@caregraph/patients/crypto/rotate-data-keys';
import { patientsMigrations } from '@caregraph/patients';

const { values } = parseArgs({ options: { 'rewrap-only': { type: 'boolean', default: false } } });
const config = readServiceConfig(process.env, { port: 0 });
// The database first: if the running platform holds the embedded one, nothing is rotated either.
const database = await openCommandDatabase(config);
try {
  if (!values['rewrap-only']) {
    const version = new LocalKeyFile(config.keysFile).rotate();
    console.log(`New key-encryption key version ${version} in ${config.keysFile}`);
  }
  const phiKeys = phiKeysFrom(config);
  await applyMigrations(database, patientsMigrations);
  const total = await rewrapDataKeys(database.db, phiKeys.keys, new PatientVault(phiKeys.keys, phiKeys.blindIndex), {
    onProgress: ({ rewrapped, remaining }) => console.log(`  re-wrapped ${rewrapped} data keys, ${remaining} to go`),
  });
  console.log(`Done: ${total} data keys now under version ${await phiKeys.keys.currentVersion()}.`);
} finally {
  await database.close();
}
