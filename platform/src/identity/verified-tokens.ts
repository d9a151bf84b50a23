import { createHash } from 'node:crypto';
import { LRUCache } from 'lru-cache';
import type { Viewer } from '../request.ts';

/**
 * Tokens already verified, so a client sending the same bearer token on every request pays for one
 * signature check a minute instead of one per request (ES256 costs about 0.2 ms of CPU on a quiet
 * core here; in distributed mode the router and each subgraph check again).
 *
 * Only successes are kept, keyed by the token's SHA-256 (the token itself is a credential and is
 * not kept), each until the token expires or `maxAgeMs` has passed, whichever comes first. The
 * age bound is what a key withdrawn from the JWKS still honours a token it signed; the entry count
 * bounds memory.
 */
export class VerifiedTokens {
  readonly #entries: LRUCache<string, Viewer> | null;
  readonly #maxAgeMs: number;

  constructor(options: { maxAgeMs: number; maxEntries: number }) {
    this.#maxAgeMs = options.maxAgeMs;
    this.#entries = options.maxAgeMs > 0 ? new LRUCache<string, Viewer>({ max: options.maxEntries, ttl: options.maxAgeMs, ttlAutopurge: false }) : null;
  }

  get(token: string): Viewer | undefined {
    return this.#entries?.get(keyOf(token));
  }

  /** Keeps a verified viewer; `expiresAt` is the token's `exp`, in seconds since the epoch. */
  remember(token: string, viewer: Viewer, expiresAt: number): void {
    if (!this.#entries) return;
    const ttl = Math.min(this.#maxAgeMs, expiresAt * 1000 - Date.now());
    // Shared by every request that sends this token: nobody may change it.
    if (ttl > 0) this.#entries.set(keyOf(token), Object.freeze({ ...viewer, scopes: Object.freeze([...viewer.scopes]) }), { ttl });
  }
}

function keyOf(token: string): string {
  return createHash('sha256').update(token).digest('base64url');
}
