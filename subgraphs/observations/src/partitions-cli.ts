// Operator commands for the observation partitions (docs/storage.md):
//   pnpm exec tsx subgraphs/observations/src/partitions-cli.ts status         months, rows (estimated), the default partition's rows
//   pnpm exec tsx subgraphs/observations/src/partitions-cli.ts ensure         make the months ahead now (the service does this at start-up)
//   pnpm exec tsx subgraphs/observations/src/partitions-cli.ts split-default  give each month found in the default partition its own
// The database: OBSERVATIONS_DATABASE_URL, else DATABASE_URL, else the embedded one in PGLITE_DATA_DIR (default .data/pglite).
import { sql } from 'drizzle-orm';
import { openDatabase } from '@caregraph/platform';
import { ensurePartitions, monthlyPartitions, splitDefaultPartition } from './db/partitions.ts';
import { rowsOf } from './db/rows.ts';
import { readStoragePolicy } from './storage-policy.ts';

const command = process.argv[2];
if (!['status', 'ensure', 'split-default'].includes(command ?? '')) {
  console.error('usage: partitions-cli.ts status | ensure | split-default');
  process.exit(2);
}
const database = await openDatabase({
  url: process.env.OBSERVATIONS_DATABASE_URL || process.env.DATABASE_URL || undefined,
  dataDir: process.env.PGLITE_DATA_DIR || '.data/pglite',
});
try {
  if (command === 'ensure') console.log(await ensurePartitions(database.db, new Date(), { ahead: readStoragePolicy(process.env).partitionsAhead }));
  if (command === 'split-default') console.log(await splitDefaultPartition(database.db));
  for (const month of await monthlyPartitions(database.db)) {
    const [row] = await rowsOf(database.db, sql`select reltuples::bigint as n from pg_class where oid = ${`observations.${month.name}`}::regclass`);
    console.log(`${month.name}  ${month.from.toISOString()} .. ${month.to.toISOString()}  ~${Math.max(0, Number(row!.n))} rows`);
  }
  const [held] = await rowsOf(database.db, sql`select count(*)::bigint as n from observations.observations_default`);
  console.log(`observations_default  ${held!.n} rows${Number(held!.n) > 0 ? ' (split-default gives their months partitions of their own)' : ''}`);
} finally {
  await database.close();
}
