import type { LoadResult } from '../load/result.ts';

/** One measured run: a workload against one target. */
export interface WorkloadRun {
  id: string;
  /** What was measured, for the table. */
  label: string;
  load: LoadResult;
  /** SQL statements per request, counted in the server process; null where not countable (other processes). */
  statementsPerRequest: number | null;
  /** W4: observations accepted per second (rows that reached the table). */
  observationsPerSecond?: number;
}

/** A comparison the issue asks for, against the platform's goal where it has one. */
export interface Comparison {
  name: string;
  measured: string;
  goal: string;
  /** null: no goal, reported for information. */
  met: boolean | null;
}

export interface BenchReport {
  date: string;
  settings: string;
  machine: { cpus: string; cores: number; memoryGiB: number; node: string; postgres: string; loadAverageBefore: number[]; loadAverageAfter: number[] };
  dataset: { organizations: number; patients: number; devices: number; observations: number; denseRowsPerChart: number; seedSeconds: number };
  runs: WorkloadRun[];
  comparisons: Comparison[];
  totalSeconds: number;
}
