import type { ApolloServerPlugin } from '@apollo/server';
import type { RouterContext } from '../context.ts';

/** A subgraph's last good answer served in place of a fresh one, for `extensions.stale`. */
export interface StaleNote {
  service: string;
  path: (string | number)[];
  /** When the subgraph gave that answer, ISO-8601. */
  asOf: string;
}

interface RequestState {
  /** Every subgraph call of the request ends by then (epoch ms). */
  deadline: number;
  stale: StaleNote[];
}

/**
 * Per request, keyed by its RequestInfo: the one object the router's context, its copies and the
 * data sources all share.
 */
const states = new WeakMap<object, RequestState>();

export function requestState(context: RouterContext | undefined, requestTimeoutMs: number): RequestState {
  const key = context?.request;
  if (!key) return { deadline: Date.now() + requestTimeoutMs, stale: [] };
  let state = states.get(key);
  if (!state) {
    state = { deadline: Date.now() + requestTimeoutMs, stale: [] };
    states.set(key, state);
  }
  return state;
}

/**
 * Starts each request's clock when the request starts (not at its first subgraph call), and puts
 * what was served stale into the response's `extensions.stale`, so a client can tell.
 */
export function requestStatePlugin(requestTimeoutMs: number): ApolloServerPlugin<RouterContext> {
  return {
    async requestDidStart({ contextValue }) {
      requestState(contextValue, requestTimeoutMs);
      return {
        async willSendResponse({ contextValue: context, response }) {
          const stale = context.request ? states.get(context.request)?.stale : undefined;
          if (!stale?.length || response.body.kind !== 'single') return;
          const result = response.body.singleResult;
          result.extensions = { ...result.extensions, stale };
        },
      };
    },
  };
}
