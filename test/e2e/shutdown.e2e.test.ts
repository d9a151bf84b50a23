import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readSupergraphConfig } from '@caregraph/platform';
import { PROCESS_TEST_TIMEOUT_MS, startPlatformProcess, type PlatformProcess } from '../support/platform-process.ts';

/** The health URL of every subgraph process the distributed launcher started. */
function subgraphHealthUrls(platform: PlatformProcess): string[] {
  return readSupergraphConfig(platform.supergraphConfig).subgraphs.map((entry) => entry.routingUrl.replace(/\/graphql$/, '/healthz'));
}

describe('stopping the distributed launcher (pnpm start:distributed)', () => {
  let platform: PlatformProcess;
  beforeAll(async () => {
    // As a user runs it: vitest's NODE_ENV=test switches off Apollo Server's own signal handlers,
    // which are what ended the launcher before its children (see stopOnTerminationSignals).
    platform = await startPlatformProcess('distributed', { NODE_ENV: 'development' });
  }, PROCESS_TEST_TIMEOUT_MS);
  afterAll(() => platform?.stop());

  it('stops every subgraph process it started, on SIGTERM', async () => {
    const urls = subgraphHealthUrls(platform);
    expect(urls.length).toBeGreaterThanOrEqual(3);
    for (const url of urls) expect((await fetch(url)).status).toBe(200);

    await platform.stop(); // SIGTERM, and SIGKILL only if the launcher has not ended within 5 s

    expect(platform.exitCode()).toBe(0);
    for (const url of urls) await expect(fetch(url, { signal: AbortSignal.timeout(2_000) })).rejects.toThrow();
  });
});
