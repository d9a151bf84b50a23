/** How big and how long a bench run is: the full run behind the README table, or a quick smoke run. */
export interface BenchSettings {
  name: 'full' | 'quick';
  /** Patients per organization (2 organizations); the demo plan gives each 1.5 devices. */
  patientsPerOrganization: number;
  /** Extra unassigned devices, so the fleet has the size the issue names. */
  shelfDevices: number;
  /** Patients with 30 days of per-minute heart rate (W3 charts one of them). */
  densePatients: number;
  /** Days of sparse vitals for every assigned device, and minutes between two readings. */
  sparseDays: number;
  sparseIntervalMinutes: number;
  /** Seconds of load before measuring (JIT, caches, pools), then measured seconds. */
  warmupSeconds: number;
  durationSeconds: number;
  /** Concurrent connections for the read workloads; W4 always uses 16 devices. */
  connections: number;
  /** Requests sent one by one after a workload to count SQL statements per request. */
  statementSamples: number;
  /** Turns of security on, then off (W1 each), the median of which is reported for each. */
  securityRounds: number;
}

export const FULL: BenchSettings = {
  name: 'full',
  patientsPerOrganization: 500,
  shelfDevices: 500,
  densePatients: 10,
  sparseDays: 2,
  sparseIntervalMinutes: 360,
  warmupSeconds: 3,
  durationSeconds: 10,
  connections: 10,
  statementSamples: 20,
  securityRounds: 3,
};

export const QUICK: BenchSettings = {
  name: 'quick',
  patientsPerOrganization: 120,
  shelfDevices: 20,
  densePatients: 2,
  sparseDays: 1,
  sparseIntervalMinutes: 360,
  warmupSeconds: 1,
  durationSeconds: 2,
  connections: 4,
  statementSamples: 5,
  securityRounds: 1,
};

/** Every W3 chart covers this many days of per-minute readings (30 x 1440 = 43,200 rows). */
export const DENSE_DAYS = 30;
/** W4: devices posting at once, and readings per batch. */
export const INGEST_DEVICES = 16;
export const INGEST_BATCH = 100;
/** W2 runs at both page sizes: statements per request must not depend on it. */
export const CARE_TEAM_PAGE_SIZES = [50, 5] as const;
