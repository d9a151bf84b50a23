import {
  compareTrailOrder,
  log,
  readTrailPage,
  type AuditEventRow,
  type Db,
  type SubgraphTransport,
  type TrailCursor,
  type TrailFilter,
} from '@caregraph/platform';
import { CaregraphError } from '@caregraph/schema-standards';

/**
 * The whole audit trail, whichever databases hold it. Each domain writes its events to its own
 * database (in the transaction of its changes, so they cannot be moved elsewhere), so where domains
 * have databases of their own, a page of the trail is the merge of a page from each: this
 * database's, and each peer's served at its `/audit-trail`. Where databases are shared (or one was
 * cloned from another), the same event comes back from several: events are merged by their id,
 * so each is shown once and none is dropped for where it came from. A peer that cannot answer
 * fails the read: an incomplete trail is never shown as the trail.
 */
export class TrailReader {
  constructor(
    private readonly db: Db,
    private readonly peers: readonly SubgraphTransport[],
  ) {}

  async page(filter: TrailFilter, limit: number, after: TrailCursor | null): Promise<AuditEventRow[]> {
    const remote = this.peers.filter((peer) => peer.readTrail);
    const pages = await Promise.all([
      readTrailPage(this.db, filter, limit, after),
      ...remote.map((peer) =>
        peer.readTrail!({ filter, limit, after }).then(
          (page) => page.rows,
          (error: unknown) => {
            log.warn({ service: peer.name, detail: error instanceof Error ? error.message : String(error) }, 'audit trail of a domain could not be read');
            throw new CaregraphError('SERVICE_UNAVAILABLE', `The audit trail of the ${peer.name} domain cannot be read right now; try again.`);
          },
        ),
      ),
    ]);
    const byId = new Map<string, AuditEventRow>();
    for (const row of pages.flat()) if (!byId.has(row.id)) byId.set(row.id, row);
    return [...byId.values()].sort(compareTrailOrder).slice(0, limit);
  }
}
