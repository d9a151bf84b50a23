import { afterEach, describe, expect, it } from 'vitest';
import { readSupergraphConfig } from '@caregraph/platform';
import { eventually } from '../support/eventually.ts';
import { PROCESS_TEST_TIMEOUT_MS, startPlatformProcess, type PlatformProcess } from '../support/platform-process.ts';

/** The health URL of every subgraph process the distributed launcher started. */
function subgraphHealthUrls(platform: PlatformProcess): string[] {
  return readSupergraphConfig(platform.supergraphConfig).subgraphs.map((entry) => entry.routingUrl.replace(/\/graphql$/, '/healthz'));
}

async function answers(url: string): Promise<boolean> {
  try {
    return (await fetch(url, { signal: AbortSignal.timeout(2_000) })).ok;
  } catch {
    return false;
  }
}

// As a user runs it: vitest's NODE_ENV=test switches off Apollo Server's own signal handlers,
// which are what ended the launcher before its children (see stopOnTerminationSignals).
const startLauncher = () => startPlatformProcess('distributed', { NODE_ENV: 'development' });

describe('the distributed launcher (pnpm start:distributed) and its subgraph processes', () => {
  let platform: PlatformProcess | undefined;
  afterEach(() => platform?.stop());

  it(
    'stops every subgraph process it started, on SIGTERM',
    async () => {
      platform = await startLauncher();
      const urls = subgraphHealthUrls(platform);
      expect(urls.length).toBeGreaterThanOrEqual(3);
      for (const url of urls) expect(await answers(url)).toBe(true);

      await platform.stop(); // SIGTERM, and SIGKILL only if the launcher has not ended within 5 s

      expect(platform.exitCode()).toBe(0);
      for (const url of urls) expect(await answers(url)).toBe(false);
    },
    PROCESS_TEST_TIMEOUT_MS,
  );

  it(
    'leaves none running when it is killed outright (SIGKILL: no shutdown of its own)',
    async () => {
      platform = await startLauncher();
      const urls = subgraphHealthUrls(platform);
      for (const url of urls) expect(await answers(url)).toBe(true);

      await platform.crash();

      // A process shutting down takes a moment.
      expect(await eventually(async () => !(await Promise.all(urls.map(answers))).includes(true), 20_000, 250)).toBe(true);
    },
    PROCESS_TEST_TIMEOUT_MS,
  );
});
