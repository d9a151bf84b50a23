import type { Database } from '../db/database.ts';

/**
 * What `/readyz` reports: whether this process should get traffic (Kubernetes takes it out of the
 * Service while `ready` is false: HTTP 503) and the checks behind the answer, as JSON.
 */
export interface Readiness {
  ready: boolean;
  checks: Record<string, unknown>;
}

/** A probe never hangs: a check that takes longer than this counts as failed. */
export const READINESS_TIMEOUT_MS = 3_000;

/** Runs `check` within {@link READINESS_TIMEOUT_MS}; a boolean check is reported without details. */
export async function probeReadiness(check: () => Promise<boolean | Readiness>): Promise<Readiness> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<Readiness>((resolve) => {
    timer = setTimeout(() => resolve({ ready: false, checks: { probe: 'timed out' } }), READINESS_TIMEOUT_MS);
  });
  try {
    const result = await Promise.race([check(), timeout]);
    return typeof result === 'boolean' ? { ready: result, checks: {} } : result;
  } catch {
    return { ready: false, checks: { probe: 'failed' } };
  } finally {
    clearTimeout(timer);
  }
}

/** `reachable` when the database answers a trivial query in time, `unreachable` otherwise. */
export async function databaseState(database: Database): Promise<'reachable' | 'unreachable'> {
  try {
    await database.ping();
    return 'reachable';
  } catch {
    return 'unreachable';
  }
}
