import { sql, type SQL } from 'drizzle-orm';
import type { SealedAuditEvent } from './event.ts';

/** Where a chain's head stands: the last event's sequence number and hash. */
export interface ChainHead {
  seq: number;
  hash: string;
}

/**
 * One statement that appends sealed events to a chain: it moves the chain's head from `expected`
 * to the last event and inserts the events, or, when the head is no longer at `expected` (another
 * writer appended, or the chain has no head yet), does neither and returns no rows. Being one
 * statement, it is atomic without a transaction of its own; a concurrent writer's uncommitted
 * move of the same head makes it wait and then re-check (so a chain never forks).
 *
 * The events travel as one JSON parameter, so the text is the same for any number of events.
 */
export function appendStatement(chain: string, expected: ChainHead, events: readonly SealedAuditEvent[]): SQL {
  const last = events[events.length - 1]!;
  const rows = JSON.stringify(
    events.map((event) => ({
      id: event.id,
      chain: event.chain,
      seq: event.seq,
      occurred_at: event.occurredAt.toISOString(),
      actor_sub: event.actor.sub,
      actor_role: event.actor.role,
      actor_organization_id: event.actor.organizationId,
      client_id: event.actor.clientId,
      action: event.action,
      resource_type: event.resourceType,
      resource_id: event.resourceId,
      patient_id: event.patientId,
      fields: event.fields,
      outcome: event.outcome,
      request_id: event.requestId,
      client_request_id: event.clientRequestId ?? null,
      trace_id: event.traceId,
      source_address: event.sourceAddress,
      user_agent: event.userAgent,
      prev_hash: event.prevHash,
      hash: event.hash,
    })),
  );
  return sql`
    with moved as (
      update audit.chains set last_seq = ${last.seq}, last_hash = ${last.hash}
      where chain = ${chain} and last_seq = ${expected.seq} and last_hash = ${expected.hash}
      returning chain
    )
    insert into audit.events (id, chain, seq, occurred_at, actor_sub, actor_role, actor_organization_id, client_id, action,
                              resource_type, resource_id, patient_id, fields, outcome, request_id, client_request_id, trace_id, source_address,
                              user_agent, prev_hash, hash)
    select e.id, e.chain, e.seq, e.occurred_at, e.actor_sub, e.actor_role, e.actor_organization_id, e.client_id, e.action,
           e.resource_type, e.resource_id, e.patient_id, e.fields, e.outcome, e.request_id, e.client_request_id, e.trace_id, e.source_address,
           e.user_agent, e.prev_hash, e.hash
    from json_to_recordset(${rows}::json) as e(id uuid, chain text, seq bigint, occurred_at timestamptz, actor_sub text,
         actor_role text, actor_organization_id uuid, client_id text, action text, resource_type text, resource_id text,
         patient_id uuid, fields text[], outcome text, request_id text, client_request_id text, trace_id text, source_address text, user_agent text,
         prev_hash text, hash text)
    where exists (select 1 from moved)
    returning seq`;
}
