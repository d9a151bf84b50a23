import type { AuditOutcome } from './event.ts';
import type { AuditEventRow } from './schema.ts';
import { MAX_TRAIL_PAGE, type TrailCursor, type TrailFilter, type TrailPage, type TrailPageRequest } from './trail-page.ts';

/** The path at which each domain serves its database's trail to the audit domain (only to it). */
export const AUDIT_TRAIL_PATH = '/audit-trail';
/** What a proof of a trail call signs as its "query": the call is not GraphQL, but is bound the same way. */
export const AUDIT_TRAIL_CALL = 'caregraph:audit-trail';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const OUTCOME = /^(success|denied|failure)$/;

export class MalformedTrailCall extends Error {}

function optionalString(value: unknown, name: string, pattern?: RegExp): string | undefined {
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'string' || value.length > 256 || (pattern && !pattern.test(value))) throw new MalformedTrailCall(`${name} is malformed`);
  return value;
}

function optionalInstant(value: unknown, name: string): Date | null {
  if (value === undefined || value === null) return null;
  const instant = typeof value === 'string' ? new Date(value) : null;
  if (!instant || Number.isNaN(instant.getTime())) throw new MalformedTrailCall(`${name} is not an instant`);
  return instant;
}

/** Reads a trail call's body. The caller is the audit domain, but a body is still only trusted once checked. */
export function parseTrailPageRequest(body: unknown): TrailPageRequest {
  const call = (body ?? {}) as { filter?: Record<string, unknown>; limit?: unknown; after?: Record<string, unknown> | null };
  const filter = call.filter ?? {};
  if (typeof filter !== 'object') throw new MalformedTrailCall('filter is malformed');
  const limit = call.limit;
  if (typeof limit !== 'number' || !Number.isInteger(limit) || limit < 1 || limit > MAX_TRAIL_PAGE) throw new MalformedTrailCall('limit is out of range');
  const parsed: TrailFilter = { from: optionalInstant(filter['from'], 'filter.from'), to: optionalInstant(filter['to'], 'filter.to') };
  const organization = optionalString(filter['actorOrganizationId'], 'filter.actorOrganizationId', UUID);
  const patient = optionalString(filter['patientId'], 'filter.patientId', UUID);
  const actor = optionalString(filter['actor'], 'filter.actor');
  const requestId = optionalString(filter['requestId'], 'filter.requestId');
  const outcome = optionalString(filter['outcome'], 'filter.outcome', OUTCOME) as AuditOutcome | undefined;
  if (organization) parsed.actorOrganizationId = organization;
  if (patient) parsed.patientId = patient;
  if (actor) parsed.actor = actor;
  if (requestId) parsed.requestId = requestId;
  if (outcome) parsed.outcome = outcome;
  let after: TrailCursor | null = null;
  if (call.after) {
    const occurredAt = optionalInstant(call.after['occurredAt'], 'after.occurredAt');
    const chain = optionalString(call.after['chain'], 'after.chain');
    const seq = call.after['seq'];
    if (!occurredAt || !chain || typeof seq !== 'number' || !Number.isSafeInteger(seq)) throw new MalformedTrailCall('after is malformed');
    after = { occurredAt, chain, seq };
  }
  return { filter: parsed, limit, after };
}

/** Reads another domain's answer: which database, and its rows with instants as dates again. */
export function parseTrailPage(body: unknown): TrailPage {
  const page = body as { database?: unknown; rows?: unknown } | null;
  if (!page || typeof page.database !== 'string' || !Array.isArray(page.rows)) {
    throw new MalformedTrailCall('not a page of the audit trail');
  }
  const rows = page.rows.map((row: unknown) => {
    const event = row as AuditEventRow & { occurredAt: unknown };
    const occurredAt = optionalInstant(event?.occurredAt, 'occurredAt');
    if (!occurredAt || typeof event.chain !== 'string' || typeof event.seq !== 'number' || typeof event.id !== 'string') {
      throw new MalformedTrailCall('not an audit event');
    }
    return { ...event, occurredAt };
  });
  return { database: page.database, rows };
}
