import { ConfigError, intReader } from '@caregraph/platform';

const DAY_MS = 86_400_000;

/** How old a reading may be when it arrives, by who sends it. */
export interface IngestionPolicy {
  /**
   * Devices: a reading older than this is a wrong clock or a replay, not late data (a device
   * buffers hours, not months). Env `INGEST_MAX_AGE_DAYS_DEVICE`, default 30.
   */
  deviceMaxAgeMs: number;
  /**
   * Everyone else (clinicians, integrators importing history). Env `INGEST_MAX_AGE_DAYS`,
   * default 365.
   */
  otherMaxAgeMs: number;
}

export const DEFAULT_INGESTION_POLICY: IngestionPolicy = { deviceMaxAgeMs: 30 * DAY_MS, otherMaxAgeMs: 365 * DAY_MS };

/** Parsed once when the observations service is built; every problem listed at once. */
export function readIngestionPolicy(env: NodeJS.ProcessEnv): IngestionPolicy {
  const problems: string[] = [];
  const int = intReader(env, problems);
  const policy = {
    deviceMaxAgeMs: int('INGEST_MAX_AGE_DAYS_DEVICE', 30, 1, 3_650) * DAY_MS,
    otherMaxAgeMs: int('INGEST_MAX_AGE_DAYS', 365, 1, 36_500) * DAY_MS,
  };
  if (problems.length > 0) throw new ConfigError(problems);
  return policy;
}
