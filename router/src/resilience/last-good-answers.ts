import { createHash } from 'node:crypto';
import type { Viewer } from '@caregraph/platform';

export interface StoredAnswer {
  data: Record<string, unknown>;
  /** When the subgraph gave this answer (epoch ms). */
  storedAt: number;
}

/** Bounds memory: reference-data reads are few distinct operations. */
const MAX_ENTRIES = 1_000;

/**
 * The last successful answer of each cacheable subgraph read, to serve (flagged stale) while that
 * subgraph cannot answer. Cacheable means the subgraph said so in its answer
 * (`x-caregraph-cache-policy: max-age=N, public`, see CACHE_POLICY_HEADER): Apollo Server's policy,
 * PUBLIC only when every field of the fetch is `@cacheControl(scope: PUBLIC)` with a maxAge and the
 * answer has no error: reference data, the same for every caller. Entity fetches and anything per
 * principal are never PUBLIC.
 */
export class LastGoodAnswers {
  private readonly entries = new Map<string, StoredAnswer>();

  constructor(private readonly maxAgeMs: number) {}

  /**
   * The key also holds the caller's role and scopes: a PUBLIC answer is the same for everyone
   * allowed to see it, and keying by permissions keeps a stale answer from reaching a caller the
   * subgraph would have refused, should a field ever be marked PUBLIC but guarded by role.
   */
  static keyOf(service: string, request: { query?: string | undefined; variables?: unknown; operationName?: string | undefined | null }, viewer: Viewer | null): string {
    const who = viewer ? [viewer.role, [...viewer.scopes].sort()] : null;
    return createHash('sha256')
      .update(JSON.stringify([service, request.query ?? '', request.operationName ?? null, request.variables ?? null, who]))
      .digest('base64url');
  }

  /** Keeps `data` when the answer says it is public and reusable; forgets the key otherwise. */
  remember(key: string, answer: { data?: unknown; errors?: readonly unknown[] | undefined }, cachePolicy: string | null | undefined): void {
    if (!isPublicAndReusable(cachePolicy) || answer.errors?.length || !answer.data || typeof answer.data !== 'object') return;
    if (this.entries.size >= MAX_ENTRIES && !this.entries.has(key)) this.entries.delete(this.entries.keys().next().value!);
    this.entries.delete(key); // re-insert: the map's order is the eviction order
    this.entries.set(key, { data: structuredClone(answer.data as Record<string, unknown>), storedAt: Date.now() });
  }

  /** A copy (the gateway merges into what it gets) of the last answer, if not older than the limit. */
  recall(key: string): StoredAnswer | null {
    const stored = this.entries.get(key);
    if (!stored) return null;
    if (Date.now() - stored.storedAt > this.maxAgeMs) {
      this.entries.delete(key);
      return null;
    }
    return { data: structuredClone(stored.data), storedAt: stored.storedAt };
  }
}

function isPublicAndReusable(header: string | null | undefined): boolean {
  if (!header) return false;
  const directives = header.toLowerCase().split(',').map((d) => d.trim());
  const maxAge = directives.find((d) => d.startsWith('max-age='));
  return directives.includes('public') && !directives.includes('no-store') && !directives.includes('private') && Number(maxAge?.slice(8)) > 0;
}
