import {
  compareTrailOrder,
  databaseIdentity,
  log,
  readTrailPage,
  type AuditEventRow,
  type Db,
  type SubgraphTransport,
  type TrailCursor,
  type TrailFilter,
  type TrailPage,
} from '@caregraph/platform';
import { CaregraphError } from '@caregraph/schema-standards';

/** How long a peer found to share this database is not asked again. */
const SHARED_MEMORY_MS = 60_000;

/**
 * The whole audit trail, whichever databases hold it. Each domain writes its events to its own
 * database (in the transaction of its changes, so they cannot be moved elsewhere), so where domains
 * have databases of their own, a page of the trail is the merge of a page from each: this
 * database's, and each peer's served at its `/audit-trail`, merged by event id (an event that comes
 * back twice is shown once). A peer whose database is this very one (the same physical database,
 * not a copy: see databaseIdentity) is not asked again for a minute, and while it cannot be asked
 * its events are still read here, so one domain down does not take the trail down with it where
 * databases are shared. Any other peer that cannot answer fails the read: a trail with a gap is
 * never shown as the trail.
 */
export class TrailReader {
  /** Per peer: whether its database was this one when last asked, and when. */
  private readonly lastSeen = new Map<string, { shared: boolean; at: number }>();

  constructor(
    private readonly db: Db,
    private readonly peers: readonly SubgraphTransport[],
  ) {}

  async page(filter: TrailFilter, limit: number, after: TrailCursor | null): Promise<AuditEventRow[]> {
    const now = Date.now();
    const asked = this.peers.filter((peer) => {
      if (!peer.readTrail) return false;
      const seen = this.lastSeen.get(peer.name);
      return !(seen?.shared && now - seen.at < SHARED_MEMORY_MS);
    });
    const [ownRows, ownIdentity, ...pages] = await Promise.all([
      readTrailPage(this.db, filter, limit, after),
      databaseIdentity(this.db),
      ...asked.map((peer) =>
        peer.readTrail!({ filter, limit, after }).then(
          (page): TrailPage | { failed: unknown } => page,
          (error: unknown) => ({ failed: error }),
        ),
      ),
    ]);
    const rows = [...ownRows];
    pages.forEach((page, index) => {
      const peer = asked[index]!;
      if ('failed' in page) {
        if (this.lastSeen.get(peer.name)?.shared) return; // its events are this database's, read above
        throw unreadable(peer.name, page.failed instanceof Error ? page.failed.message : String(page.failed));
      }
      const shared = page.database === ownIdentity;
      this.lastSeen.set(peer.name, { shared, at: now });
      // A domain not yet upgraded ignores a filter it does not know (the outcome), and its page is
      // then not the page asked for: never merged into the trail.
      if (filter.outcome && page.rows.some((row) => row.outcome !== filter.outcome)) {
        if (shared) return; // its events are this database's, read above with the filter
        throw unreadable(peer.name, 'answered events of another outcome than asked (a version without the outcome filter)');
      }
      rows.push(...page.rows);
    });
    const byId = new Map<string, AuditEventRow>();
    for (const row of rows) if (!byId.has(row.id)) byId.set(row.id, row);
    return [...byId.values()].sort(compareTrailOrder).slice(0, limit);
  }
}

function unreadable(service: string, detail: string): CaregraphError {
  log.warn({ service, detail }, 'audit trail of a domain could not be read');
  return new CaregraphError('SERVICE_UNAVAILABLE', `The audit trail of the ${service} domain cannot be read right now; try again.`);
}
