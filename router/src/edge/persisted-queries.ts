import type { ApolloServerOptions, ApolloServerPlugin } from '@apollo/server';
import type { RouterContext } from '../context.ts';

/** Most characters of operation text kept for all principals together (Apollo's bounded cache holds about 30 MiB). */
const MAX_CHARACTERS = 15_000_000;

/**
 * The registered operations of automatic persisted queries, per principal: bounded by the text
 * they hold, least recently used dropped first, each for `ttlSeconds` after its last use. A Map
 * keeps insertion order, which is all an LRU of this size needs.
 */
class ScopedOperations {
  private readonly entries = new Map<string, { text: string; expires: number }>();
  private characters = 0;

  constructor(private readonly ttlMs: number) {}

  get(key: string, now = Date.now()): string | undefined {
    const entry = this.entries.get(key);
    if (!entry) return undefined;
    this.entries.delete(key);
    if (entry.expires <= now) {
      this.characters -= entry.text.length;
      return undefined;
    }
    this.entries.set(key, { text: entry.text, expires: now + this.ttlMs });
    return entry.text;
  }

  set(key: string, text: string, now = Date.now()): void {
    const previous = this.entries.get(key);
    if (previous) {
      this.entries.delete(key);
      this.characters -= previous.text.length;
    }
    this.entries.set(key, { text, expires: now + this.ttlMs });
    this.characters += text.length;
    for (const [oldest, entry] of this.entries) {
      if (this.characters <= MAX_CHARACTERS) break;
      this.entries.delete(oldest);
      this.characters -= entry.text.length;
    }
  }
}

type ApqCache = NonNullable<Exclude<ApolloServerOptions<RouterContext>['persistedQueries'], false | undefined>['cache']>;

/** Apollo's own APQ store, made to remember nothing: every hash it is asked for is unknown to it. */
const FORGETFUL: ApqCache = {
  async get() {
    return undefined;
  },
  async set() {},
  async delete() {
    return true;
  },
};

/** Who a persisted operation belongs to: the token's subject, within its organization and OAuth client. */
function principalOf(context: RouterContext): string | null {
  const viewer = context.request.viewer;
  return viewer ? `${viewer.organizationId ?? ''}\u0000${viewer.clientId ?? ''}\u0000${viewer.sub}` : null;
}

type PersistedQuery = { sha256Hash?: unknown } | undefined;

/**
 * Automatic persisted queries scoped per principal. With one cache for everyone, a hash that did not
 * come back PERSISTED_QUERY_NOT_FOUND told the asker that someone had run that operation (whose
 * text, and so whose literals, they could guess). Here an operation registered by one principal
 * is known to that principal only; anyone else registers their own (one extra round trip).
 *
 * Apollo Server still speaks the protocol (checks the hash against the text, answers
 * PERSISTED_QUERY_NOT_FOUND) but over a store that never answers; this plugin fills in the text
 * of a hash the caller registered before, and registers an operation only once it has passed
 * every limit (at the start of execution, after every check of the operation).
 */
export function scopedPersistedQueries(ttlSeconds: number): {
  persistedQueries: ApolloServerOptions<RouterContext>['persistedQueries'];
  plugin: ApolloServerPlugin<RouterContext>;
} {
  if (ttlSeconds === 0) return { persistedQueries: false, plugin: {} };
  const operations = new ScopedOperations(ttlSeconds * 1000);
  return {
    persistedQueries: { cache: FORGETFUL, ttl: ttlSeconds },
    plugin: {
      async requestDidStart({ request, contextValue }) {
        const principal = principalOf(contextValue);
        const hash = (request.extensions?.['persistedQuery'] as PersistedQuery)?.sha256Hash;
        if (!principal || typeof hash !== 'string') return;
        const key = `${principal}\u0000${hash}`;
        if (request.query === undefined) {
          const text = operations.get(key);
          if (text !== undefined) request.query = text;
        }
        return {
          async executionDidStart({ request: { query } }) {
            // Apollo has checked that the text hashes to `hash`; every limit has passed.
            if (typeof query === 'string') operations.set(key, query);
          },
        };
      },
    },
  };
}
