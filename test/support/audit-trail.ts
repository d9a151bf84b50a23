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
 * with a connection of its own to the database every distributed process shares. Null when the
 * trail is out of reach (distributed mode on embedded PGlite: each process has its own memory).
 */
export function auditTrailReader(database: Database | null, url: string | undefined): AuditTrailReader | null {
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
  if (!url) return null;
  const client = postgres(url, { max: 1, onnotice: () => {} });
  return {
    eventsOf: (requestId) => client.unsafe<AuditRow[]>(`select ${COLUMNS} from audit.events where (request_id = $1 or client_request_id = $1) order by occurred_at, chain, seq`, [requestId]),
    close: () => client.end(),
  };
}
