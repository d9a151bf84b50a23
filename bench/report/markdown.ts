import type { BenchReport } from './results.ts';

const num = (x: number, digits = 0) => (Number.isFinite(x) ? x.toFixed(digits) : 'n/a');

/** The report as Markdown: the machine and data set, every run, then the comparisons and goals. */
export function toMarkdown(report: BenchReport): string {
  const m = report.machine;
  const d = report.dataset;
  const lines = [
    `Run ${report.date} (${report.settings}), ${m.cores} x ${m.cpus}, ${m.memoryGiB} GiB, Node ${m.node}, ${m.postgres}; ` +
      `load average before/after ${m.loadAverageBefore.map((x) => x.toFixed(2)).join(' ')} / ${m.loadAverageAfter.map((x) => x.toFixed(2)).join(' ')}.`,
    `Data: ${d.organizations} organizations, ${d.patients} patients, ${d.devices} devices, ${d.observations} observations ` +
      `(${d.denseRowsPerChart} per-minute readings per chart), seeded in ${num(d.seedSeconds, 1)} s. Whole run ${num(report.totalSeconds)} s.`,
    '',
    '| run | req/s | p50 ms | p99 ms | SQL/request (median) | failed |',
    '| --- | ---: | ---: | ---: | ---: | ---: |',
    ...report.runs.map((run) => {
      const rate = run.observationsPerSecond !== undefined ? `${num(run.load.requestsPerSecond)} (${num(run.observationsPerSecond)} obs/s)` : num(run.load.requestsPerSecond);
      const sql = run.statementsPerRequest === null ? '-' : num(run.statementsPerRequest);
      return `| ${run.label} | ${rate} | ${num(run.load.p50, 2)} | ${num(run.load.p99, 2)} | ${sql} | ${run.load.failures} |`;
    }),
    '',
    '| comparison | measured | goal | met |',
    '| --- | --- | --- | --- |',
    ...report.comparisons.map((c) => `| ${c.name} | ${c.measured} | ${c.goal || '-'} | ${c.met === null ? '-' : c.met ? 'yes' : 'no'} |`),
  ];
  return lines.join('\n');
}
