import type { Comparison, WorkloadRun } from './results.ts';

const pct = (x: number) => `${(x * 100).toFixed(0)}%`;
const times = (x: number) => `${x.toFixed(2)}x`;
const ms = (x: number) => `${x.toFixed(2)} ms`;

/**
 * The reference points of issue 7 as ratios of runs of the same bench, each against its goal
 * (the platform's goals, reported, not enforced). A run that is missing leaves its line out.
 */
export function compare(runs: readonly WorkloadRun[]): Comparison[] {
  const byId = new Map(runs.map((run) => [run.id, run]));
  const out: Comparison[] = [];
  const both = (a: string, b: string, add: (x: WorkloadRun, y: WorkloadRun) => Comparison) => {
    const x = byId.get(a);
    const y = byId.get(b);
    if (x && y) out.push(add(x, y));
  };

  both('W1', 'W1.floor', (p, f) => ({ name: 'W1 dashboard: platform throughput / hand-written SQL', measured: pct(p.load.requestsPerSecond / f.load.requestsPerSecond), goal: '', met: null }));
  both('W2@50', 'W2@50.floor', (p, f) => ({ name: 'W2 care-team list (50): platform throughput / hand-written SQL', measured: pct(p.load.requestsPerSecond / f.load.requestsPerSecond), goal: '', met: null }));
  both('W2@50', 'W2@5', (fifty, five) => ({
    name: 'W2 SQL statements per request, page of 50 vs page of 5',
    measured: `${fifty.statementsPerRequest} vs ${five.statementsPerRequest}`,
    goal: 'equal',
    met: fifty.statementsPerRequest !== null && fifty.statementsPerRequest === five.statementsPerRequest,
  }));
  both('W3', 'W3.floor', (p, f) => {
    const ratio = f.load.requestsPerSecond / p.load.requestsPerSecond;
    return { name: 'W3 vitals chart: hand-written SQL throughput / platform', measured: times(ratio), goal: '<= 2x', met: ratio <= 2 };
  });
  both('W4', 'W4.floor', (p, f) => {
    const ratio = (p.observationsPerSecond ?? 0) / (f.observationsPerSecond ?? 1);
    return { name: 'W4 ingestion: platform observations/s / raw multi-row INSERT', measured: pct(ratio), goal: '>= 50%', met: ratio >= 0.5 };
  });
  both('W1.distributed.routed', 'W1.distributed.direct', (routed, direct) => {
    const overhead = routed.load.p50 - direct.load.p50;
    return { name: 'Router overhead, distributed, W1 p50 (through the router - straight to the subgraphs, one at a time)', measured: ms(overhead), goal: '< 2 ms', met: overhead < 2 };
  });
  both('W1', 'W1.distributed', (inProcess, distributed) => ({
    name: 'W1 in-process vs distributed: throughput ratio (p50 in-process / distributed)',
    measured: `${times(inProcess.load.requestsPerSecond / distributed.load.requestsPerSecond)} (${ms(inProcess.load.p50)} / ${ms(distributed.load.p50)})`,
    goal: '',
    met: null,
  }));
  both('W1.security-on', 'W1.security-off', (on, off) => {
    const cost = 1 - on.load.requestsPerSecond / off.load.requestsPerSecond;
    return {
      name: 'Security cost on W1 (auth, field rules, audit, PHI decryption): throughput lost vs all off',
      measured: `${pct(cost)} (${on.load.requestsPerSecond.toFixed(0)} vs ${off.load.requestsPerSecond.toFixed(0)} req/s)`,
      goal: '< 15%',
      met: cost < 0.15,
    };
  });
  return out;
}
