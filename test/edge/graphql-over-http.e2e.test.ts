import { serverAudits } from 'graphql-http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestPlatform, type TestPlatform } from '../support/platform.ts';
import { bearer, tokenFor } from '../support/tokens.ts';

/**
 * The GraphQL-over-HTTP spec's own audit suite (graphql-http's `serverAudits`), run against the
 * router as a signed-in client: every MUST of the spec holds. (The suite sends no token of its own;
 * the fetch it is given adds one, as any real client's would.)
 */
describe('the router speaks GraphQL over HTTP', () => {
  let platform: TestPlatform;
  let headers: Record<string, string>;
  beforeAll(async () => {
    platform = await startTestPlatform('in-process');
    headers = bearer(await tokenFor({ role: 'org_admin', sub: 'admin-1', org: platform.plan.organizations[0]!.id, mfa: true }));
  });
  afterAll(async () => {
    await platform?.stop();
  });

  it('passes every MUST audit of the spec', async () => {
    const audits = serverAudits({
      url: platform.url,
      fetchFn: (input: string | URL | Request, init?: RequestInit) => fetch(input, { ...init, headers: { ...Object.fromEntries(new Headers(init?.headers).entries()), ...headers } }),
    });
    const musts = audits.filter((a) => a.name.startsWith('MUST'));
    expect(musts.length).toBeGreaterThanOrEqual(13);
    const failures: string[] = [];
    for (const audit of musts) {
      const result = await audit.fn();
      if (result.status !== 'ok') failures.push(`${audit.name}: ${result.reason}`);
    }
    expect(failures).toEqual([]);
  });
});
