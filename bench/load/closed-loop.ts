import { percentile, type LoadResult } from './result.ts';

/**
 * Runs `iteration` back to back on `concurrency` workers: first for the warm-up (discarded), then
 * for the measured time. An iteration that throws or returns false counts as a failure.
 * Latencies are timed with sub-millisecond resolution (autocannon's histogram keeps whole ms).
 */
export async function closedLoop(
  iteration: () => Promise<boolean>,
  options: { concurrency: number; warmupSeconds: number; durationSeconds: number },
): Promise<LoadResult> {
  const phase = async (seconds: number) => {
    const latencies: number[] = [];
    let failures = 0;
    const end = performance.now() + seconds * 1000;
    const worker = async () => {
      while (performance.now() < end) {
        const start = performance.now();
        let ok = false;
        try {
          ok = await iteration();
        } catch {
          ok = false;
        }
        latencies.push(performance.now() - start);
        if (!ok) failures += 1;
      }
    };
    const started = performance.now();
    await Promise.all(Array.from({ length: options.concurrency }, worker));
    return { latencies, failures, seconds: (performance.now() - started) / 1000 };
  };
  await phase(options.warmupSeconds);
  const measured = await phase(options.durationSeconds);
  const sorted = measured.latencies.sort((a, b) => a - b);
  return {
    requests: sorted.length,
    seconds: measured.seconds,
    requestsPerSecond: sorted.length / measured.seconds,
    p50: percentile(sorted, 50),
    p99: percentile(sorted, 99),
    failures: measured.failures,
  };
}
