// `pnpm audit:verify`: checks every audit chain in DATABASE_URL (or the embedded database) against
// the audit key (KEYS_FILE) and the checkpoints published beside it, and reports each chain's first
// broken event. Exit code 1 if any chain is broken.
//
// `pnpm audit:verify --attest-legacy` first attests, with the audit key, the events from before the
// keyed chain (unkeyed hashes, up to each chain's cut-over) as the database holds them now: run it
// once, right after upgrading a database that held audit events, if verification reports them as
// not attested (no keyed writer started on it first). Whatever it attests verifies from then on.
import { existsSync } from 'node:fs';
import { attestLegacyEvents, auditIntegrityFrom, inspectAuditLog, openCommandDatabase, readLedgerId, readServiceConfig } from '@caregraph/platform';

const attestLegacy = process.argv.slice(2).includes('--attest-legacy');

const config = readServiceConfig(process.env, { port: 0 });
// Verifying with a key made up now would call every event forged: the key must be the one that sealed them.
if (!existsSync(config.keysFile)) {
  console.error(`KEYS_FILE (${config.keysFile}) does not exist: audit:verify needs the key file the platform sealed its events with`);
  process.exit(1);
}
const database = await openCommandDatabase(config);
try {
  const integrity = auditIntegrityFrom(config);
  if (attestLegacy) {
    const ledger = await readLedgerId(database.db);
    if (!ledger || !integrity.checkpoints) {
      console.error(ledger ? 'No checkpoint file is configured: there is nowhere to publish the attestation' : 'audit.ledger holds no single row: apply the audit migrations (pnpm db:migrate)');
      process.exit(1);
    }
    const attestation = await attestLegacyEvents(database.db, ledger, integrity.keyFor(ledger), integrity.checkpoints);
    if (attestation) {
      console.log(`Attested the unkeyed events of ${attestation.chains.map((head) => `${head.chain} (to event ${head.seq})`).join(', ')} in ${integrity.checkpoints.path}`);
    } else console.log('No unkeyed events to attest (none, or all already attested)');
  }
  const result = await inspectAuditLog(database.db, integrity);
  console.log(`Audit ledger ${result.ledger ?? '(missing)'}`);
  if (result.checkpoints) {
    const { file, ofThisLedger, ofOtherLedgers, unreadableLines } = result.checkpoints;
    console.log(`Checkpoints: ${file}: ${ofThisLedger} of this ledger${ofOtherLedgers ? `, ${ofOtherLedgers} of other databases` : ''}`);
    if (unreadableLines.length > 0) console.warn(`  unreadable lines (not checkpoints): ${unreadableLines.join(', ')}`);
    if (ofThisLedger === 0 && result.chains.some((report) => report.events > 0)) {
      console.warn('  no checkpoint of this ledger: events removed from the end of a chain cannot be detected');
    }
  } else {
    console.warn('Checkpoints: none published (a removed tail cannot be detected)');
  }
  if (result.chains.length === 0) console.log('No audit events yet.');
  for (const report of result.chains) {
    if (report.broken) {
      console.error(`✗ chain ${report.chain}: broken at event ${report.broken.seq}: ${report.broken.reason}`);
    } else {
      const unkeyed = report.unkeyed ? ` (the first ${report.unkeyed} from before the audit key, checked by their unkeyed hash, attested ${report.attested})` : '';
      const checkpoint = report.checkpoint ? `; holds the checkpoint of ${report.checkpoint.at} (event ${report.checkpoint.seq})` : '';
      console.log(`✓ chain ${report.chain}: ${report.events} events, intact${unkeyed}${checkpoint}`);
    }
  }
  process.exitCode = result.ledger === null || result.chains.some((report) => report.broken) ? 1 : 0;
} finally {
  await database.close();
}
