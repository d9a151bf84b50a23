import type { DevTokenOptions } from '@caregraph/platform';
import { postGraphQL } from './graphql-client.ts';
import type { GraphQLClient, TestPlatform } from './platform.ts';
import { bearer, tokenFor } from './tokens.ts';

/**
 * The same platform (its subgraphs, data and trail) reached through another router at `url`, e.g.
 * Hive Gateway in front of the distributed subgraphs. Stopping it stops nothing: the platform and
 * the other router are stopped by whoever started them.
 */
export async function throughRouterAt(platform: TestPlatform, url: string): Promise<TestPlatform> {
  const as = async (claims: DevTokenOptions): Promise<GraphQLClient> => {
    const headers = bearer(await tokenFor(claims));
    return (query, variables) => postGraphQL(url, query, variables, headers);
  };
  return {
    ...platform,
    url,
    query: (query, variables, headers) => postGraphQL(url, query, variables, headers),
    as,
    admin: await as({ role: 'org_admin', sub: 'admin-1', org: platform.plan.organizations[0]!.id, mfa: true }),
    async stop() {},
  };
}
