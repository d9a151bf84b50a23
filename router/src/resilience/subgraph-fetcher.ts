import { AsyncLocalStorage } from 'node:async_hooks';
import type { RemoteGraphQLDataSource } from '@apollo/gateway';
import { httpPost, serviceAgent } from '@caregraph/platform';

type Fetcher = RemoteGraphQLDataSource['fetcher'];

/**
 * The gateway calls its fetcher with a URL and request options only, so an attempt's abort
 * signal reaches the fetcher through async context instead.
 */
const attemptSignal = new AsyncLocalStorage<AbortSignal>();

export function withAttemptSignal<T>(signal: AbortSignal, run: () => Promise<T>): Promise<T> {
  return attemptSignal.run(signal, run);
}

/** Statuses whose answers have no body (the Response constructor refuses one). */
const NO_BODY = new Set([204, 205, 304]);

/**
 * The gateway's fetcher for one subgraph: at most `maxSockets` connections (kept alive; more
 * calls wait for a free one), each request aborted with its attempt. Replaces the gateway's
 * default, which has no connection limit (`maxSockets: Infinity`) and no timeout.
 */
export function subgraphFetcher(url: string, maxSockets: number, clientTls?: Parameters<typeof serviceAgent>[2]): Fetcher {
  const agent = serviceAgent(url, maxSockets, clientTls);
  return async (input, init) => {
    const signal = attemptSignal.getStore();
    if (!signal) throw new Error('a subgraph call was made outside of its guard');
    const answer = await httpPost(String(input), {
      agent,
      headers: (init?.headers ?? {}) as Record<string, string>,
      body: String(init?.body ?? ''),
      signal,
    });
    const headers = new Headers();
    for (const [name, value] of Object.entries(answer.headers)) {
      for (const one of Array.isArray(value) ? value : value === undefined ? [] : [value]) headers.append(name, one);
    }
    const status = answer.status >= 200 && answer.status <= 599 ? answer.status : 502;
    return new Response(NO_BODY.has(status) ? null : answer.body, { status, statusText: answer.statusText, headers });
  };
}
