import type { ApolloServerPlugin } from '@apollo/server';

/**
 * How a subgraph tells the router that an answer may be reused: the cache policy Apollo Server
 * computed from the schema's `@cacheControl` hints (e.g. `max-age=3600, public`). Not the
 * `Cache-Control` header, which every caregraph answer sets to `no-store` (answers may hold PHI,
 * so no browser or proxy keeps one); this one is read only by the router, for last good answers.
 */
export const CACHE_POLICY_HEADER = 'x-caregraph-cache-policy';

/** Sets {@link CACHE_POLICY_HEADER} on answers without errors whose every field is cacheable. */
export function cachePolicyHeader(): ApolloServerPlugin<object> {
  return {
    async requestDidStart() {
      return {
        async willSendResponse({ response, overallCachePolicy }) {
          const policy = overallCachePolicy.policyIfCacheable();
          if (!policy || response.body.kind !== 'single' || response.body.singleResult.errors) return;
          response.http.headers.set(CACHE_POLICY_HEADER, `max-age=${policy.maxAge}, ${policy.scope.toLowerCase()}`);
        },
      };
    },
  };
}
