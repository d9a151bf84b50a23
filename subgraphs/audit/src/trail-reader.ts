import {
  compareTrailOrder,
  log,
  readLedgerId,
  readTrailPage,
  type AuditEventRow,
  type Db,
  type SubgraphTransport,
  type TrailCursor,
  type TrailFilter,
} from '@caregraph/platform';
import { CaregraphError } from '@caregraph/schema-standards';

/** How long a domain found to share this database is not asked again (its database cannot change without a restart). */
const SHARED_LEDGER_MEMORY_MS = 60_000;

/**
 * The whole audit trail, whichever databases hold it. Each domain writes its events to its own
 * database (in the transaction of its changes, so they cannot be moved elsewhere), so where domains
 * have databases of their own, a page of the trail is the merge of a page from each: this
 * database's, and each peer's served at its `/audit-trail`. A peer whose database is this one (the
 * same ledger id) or another peer's is not read twice, and not asked again for a minute. A peer
 * that cannot answer fails the read: an incomplete trail is never shown as the trail.
 */
export class TrailReader {
  private ownLedger: Promise<string | null> | null = null;
  private readonly sharedUntil = new Map<string, number>();

  constructor(
    private readonly db: Db,
    private readonly peers: readonly SubgraphTransport[],
  ) {}

  async page(filter: TrailFilter, limit: number, after: TrailCursor | null): Promise<AuditEventRow[]> {
    const now = Date.now();
    const remote = this.peers.filter((peer) => peer.readTrail && (this.sharedUntil.get(peer.name) ?? 0) <= now);
    const [own, ownLedger, ...pages] = await Promise.all([
      readTrailPage(this.db, filter, limit, after),
      this.ledger(),
      ...remote.map((peer) =>
        peer.readTrail!({ filter, limit, after }).catch((error: unknown) => {
          log.warn({ service: peer.name, detail: error instanceof Error ? error.message : String(error) }, 'audit trail of a domain could not be read');
          throw new CaregraphError('SERVICE_UNAVAILABLE', `The audit trail of the ${peer.name} domain cannot be read right now; try again.`);
        }),
      ),
    ]);
    const seen = new Set([ownLedger]);
    const rows = [...own];
    pages.forEach((page, index) => {
      if (seen.has(page.ledger)) {
        this.sharedUntil.set(remote[index]!.name, now + SHARED_LEDGER_MEMORY_MS);
        return;
      }
      seen.add(page.ledger);
      rows.push(...page.rows);
    });
    return rows.sort(compareTrailOrder).slice(0, limit);
  }

  private ledger(): Promise<string | null> {
    this.ownLedger ??= readLedgerId(this.db).catch((error: unknown) => {
      this.ownLedger = null;
      throw error;
    });
    return this.ownLedger;
  }
}
