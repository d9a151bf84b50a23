import { AuditLog, ConfigError, intReader, log, type Db, type StorageMaintenance } from '@caregraph/platform';
import { ensurePartitions } from './db/partitions.ts';
import { dropExpiredPartitions } from './db/retention.ts';

/** How the observations domain keeps its partitions (docs/storage.md). */
export interface StoragePolicy {
  /**
   * Drop monthly partitions older than this many months (and the default partition's readings of
   * that age), each recorded in the audit trail. Env `OBSERVATIONS_RETENTION_MONTHS`; default
   * none: how long clinical data is kept is a legal decision, never a default.
   */
  retentionMonths: number | null;
  /** Months made ahead of the current one. Env `OBSERVATIONS_PARTITIONS_AHEAD`, default 3. */
  partitionsAhead: number;
  /** How often the upkeep runs after start-up. Env `OBSERVATIONS_PARTITION_CHECK_MINUTES`, default 60. */
  everyMs: number;
}

/** Parsed once when the observations service starts; every problem listed at once. */
export function readStoragePolicy(env: NodeJS.ProcessEnv): StoragePolicy {
  const problems: string[] = [];
  const int = intReader(env, problems);
  const retention = int('OBSERVATIONS_RETENTION_MONTHS', 0, 1, 1_200);
  const policy = {
    retentionMonths: retention === 0 ? null : retention,
    partitionsAhead: int('OBSERVATIONS_PARTITIONS_AHEAD', 3, 1, 24),
    everyMs: int('OBSERVATIONS_PARTITION_CHECK_MINUTES', 60, 1, 1_440) * 60_000,
  };
  if (problems.length > 0) throw new ConfigError(problems);
  return policy;
}

/**
 * The domain's storage upkeep: the months ahead made, then (when a retention is set) the expired
 * ones dropped. Run by the host at start-up and every `everyMs`.
 */
export function storageMaintenance(policy: StoragePolicy): StorageMaintenance {
  let audit: { db: Db; log: AuditLog } | null = null;
  return {
    everyMs: policy.everyMs,
    async run(db) {
      const made = await ensurePartitions(db, new Date(), { ahead: policy.partitionsAhead });
      if (made.length > 0) log.info({ partitions: made }, 'observation partitions made');
      if (policy.retentionMonths === null) return;
      if (audit?.db !== db) audit = { db, log: new AuditLog(db, 'observations') };
      const expired = await dropExpiredPartitions(db, audit.log, policy.retentionMonths);
      if (expired.length > 0) log.info({ expired }, 'observations past retention deleted');
    },
  };
}
