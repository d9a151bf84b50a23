import { bigint, index, pgSchema, primaryKey, text, timestamp, uuid } from 'drizzle-orm/pg-core';

/**
 * The audit log: append-only (a trigger refuses UPDATE and DELETE), chained per chain with a MAC
 * (each event stores the MAC of the one before it; the key is never in the database, see
 * chain-key.ts). Events hold ids and field names, never PHI values.
 */
export const auditSchema = pgSchema('audit');

export const auditEvents = auditSchema.table(
  'events',
  {
    id: uuid('id').notNull(),
    chain: text('chain').notNull(),
    seq: bigint('seq', { mode: 'number' }).notNull(),
    occurredAt: timestamp('occurred_at', { withTimezone: true, precision: 3 }).notNull(),
    actorSub: text('actor_sub'),
    actorRole: text('actor_role'),
    actorOrganizationId: uuid('actor_organization_id'),
    clientId: text('client_id'),
    action: text('action').notNull(),
    resourceType: text('resource_type').notNull(),
    resourceId: text('resource_id'),
    patientId: uuid('patient_id'),
    fields: text('fields').array().notNull(),
    outcome: text('outcome').notNull(),
    requestId: text('request_id').notNull(),
    /** The caller's own x-request-id, when it sent one (request_id is always the platform's). */
    clientRequestId: text('client_request_id'),
    traceId: text('trace_id'),
    sourceAddress: text('source_address'),
    userAgent: text('user_agent'),
    prevHash: text('prev_hash').notNull(),
    /** The event's MAC (HMAC-SHA-256 under the chain key); SHA-256 for events before the cut-over. */
    hash: text('hash').notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.chain, t.seq] }),
    index('events_patient_time_idx').on(t.patientId, t.occurredAt),
    index('events_actor_time_idx').on(t.actorSub, t.occurredAt),
    index('events_time_idx').on(t.occurredAt),
    index('events_request_idx').on(t.requestId),
  ],
);

/**
 * The head of each chain: the lock writers serialize on, and the MAC the next event links to.
 * A trigger lets a head only move forward and never be deleted (0004_audit_keyed_chain.sql).
 */
export const auditChains = auditSchema.table('chains', {
  chain: text('chain').primaryKey(),
  lastSeq: bigint('last_seq', { mode: 'number' }).notNull(),
  lastHash: text('last_hash').notNull(),
  /**
   * The cut-over to keyed MACs: events up to this sequence number were written before the chain
   * had a key and carry the unkeyed SHA-256 hash. 0 for every chain begun since; never changes.
   */
  legacyUntil: bigint('legacy_until', { mode: 'number' }).notNull().default(0),
});

/**
 * This database's audit ledger: one row, written by the migration, never changed. Its id is bound
 * into every MAC (the chain key is derived from it) and names the database in published checkpoints.
 */
export const auditLedger = auditSchema.table('ledger', {
  id: uuid('id').primaryKey(),
  createdAt: timestamp('created_at', { withTimezone: true, precision: 3 }).notNull().defaultNow(),
});

/**
 * What each request has already had recorded, so one patient (or record) read by one request is
 * one event however many fetches, replicas or subgraph calls served it (see once-per-request.ts).
 * Not part of the trail: rows are pruned once no fetch of their request can still arrive. The key
 * is a digest of the request id, the caller and the record; `fields` the fields recorded so far,
 * `previous` the fields before the last widening (what an upsert's RETURNING cannot otherwise say).
 */
export const auditRequestClaims = auditSchema.table(
  'request_claims',
  {
    claim: text('claim').primaryKey(),
    fields: text('fields').array().notNull(),
    previous: text('previous').array().notNull(),
    claimedAt: timestamp('claimed_at', { withTimezone: true, precision: 3 }).notNull().defaultNow(),
  },
  (t) => [index('request_claims_time_idx').on(t.claimedAt)],
);

export type AuditEventRow = typeof auditEvents.$inferSelect;
