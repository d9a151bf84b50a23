import { sql } from 'drizzle-orm';
import postgres from 'postgres';
import type { Database } from '@caregraph/platform';

/** One stored audit event, as the tests look at it (straight from audit.events). */
export interface AuditRow {
  chain: string;
  action: string;
  outcome: string;
  resource_type: string;
  resource_id: string | null;
  patient_id: string | null;
  fields: string[];
  actor_sub: string | null;
  request_id: string;
}

export interface AuditTrailReader {
  /** The events stored for one request, in the order they were written. */
  eventsOf(requestId: string): Promise<AuditRow[]>;
  close(): Promise<void>;
}

const COLUMNS = 'chain, action, outcome, resource_type, resource_id, patient_id, fields, actor_sub, request_id';

/**
 * Reads the audit trail the platform wrote: through the in-process platform's own database, or
 * with connections of its own to the databases the distributed processes write (one shared, or
 * one per domain: the events of a request are merged in the order they were written). Null when
 * the trail is out of reach (distributed mode on embedded PGlite: each process has its own memory).
 */
export function auditTrailReader(database: Database | null, urls: readonly string[]): AuditTrailReader | null {
  if (database) {
    return {
      async eventsOf(requestId) {
        const result = (await database.db.execute(
          sql`select chain, action, outcome, resource_type, resource_id, patient_id, fields, actor_sub, request_id from audit.events where (request_id = ${requestId} or client_request_id = ${requestId}) order by occurred_at, chain, seq`,
        )) as unknown;
        return (Array.isArray(result) ? result : (result as { rows: AuditRow[] }).rows) as AuditRow[];
      },
      close: async () => {},
    };
  }
  if (urls.length === 0) return null;
  const clients = urls.map((url) => postgres(url, { max: 1, onnotice: () => {} }));
  return {
    async eventsOf(requestId) {
      const pages = await Promise.all(
        clients.map((client) =>
          client.unsafe<(AuditRow & { occurred_at: Date; seq: string })[]>(
            `select ${COLUMNS}, occurred_at, seq from audit.events where (request_id = $1 or client_request_id = $1)`,
            [requestId],
          ),
        ),
      );
      return pages
        .flat()
        .sort((a, b) => a.occurred_at.getTime() - b.occurred_at.getTime() || a.chain.localeCompare(b.chain) || Number(a.seq) - Number(b.seq))
        .map(({ occurred_at: _at, seq: _seq, ...row }) => row);
    },
    close: async () => {
      await Promise.all(clients.map((client) => client.end()));
    },
  };
}
