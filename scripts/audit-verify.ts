// `pnpm audit:verify`: walks every audit chain in DATABASE_URL (or the embedded database),
// recomputing each event's hash and link, and reports the first broken link. Exit code 1 if any.
import { openDatabase, readServiceConfig, verifyAuditLog } from '@caregraph/platform';

const config = readServiceConfig(process.env, { port: 0 });
const database = await openDatabase({ url: config.databaseUrl, dataDir: config.pgliteDir });
try {
  const reports = await verifyAuditLog(database.db);
  if (reports.length === 0) console.log('No audit events yet.');
  for (const report of reports) {
    if (report.broken) {
      console.error(`✗ chain ${report.chain}: broken at event ${report.broken.seq}: ${report.broken.reason}`);
    } else {
      console.log(`✓ chain ${report.chain}: ${report.events} events, intact`);
    }
  }
  process.exitCode = reports.some((report) => report.broken) ? 1 : 0;
} finally {
  await database.close();
}
