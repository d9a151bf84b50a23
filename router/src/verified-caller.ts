import type { ApolloServerPlugin } from '@apollo/server';
import type { RouterContext } from './context.ts';

/**
 * The last line behind authentication: an operation whose context names no verified viewer is not
 * run at all (not even looked up in the persisted-query cache, whose answer would tell a stranger
 * what others have run). The router's context always has one (authenticate.ts); this catches a
 * future code path that builds a context another way. It fails as an internal error, on purpose:
 * reaching it is a bug, not a caller's mistake.
 */
export function requireVerifiedCaller(): ApolloServerPlugin<RouterContext> {
  return {
    async requestDidStart({ contextValue }) {
      if (!contextValue.request?.viewer) throw new Error('an operation reached the router without a verified caller');
    },
  };
}
