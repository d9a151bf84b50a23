import { bigint, index, pgSchema, primaryKey, text, timestamp, uuid } from 'drizzle-orm/pg-core';

/**
 * The audit log: append-only (a trigger refuses UPDATE and DELETE), hash-chained per chain (each
 * event stores the hash of the one before it). Events hold ids and field names, never PHI values.
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
    traceId: text('trace_id'),
    sourceAddress: text('source_address'),
    userAgent: text('user_agent'),
    prevHash: text('prev_hash').notNull(),
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

/** The head of each chain: the lock writers serialize on, and the hash the next event links to. */
export const auditChains = auditSchema.table('chains', {
  chain: text('chain').primaryKey(),
  lastSeq: bigint('last_seq', { mode: 'number' }).notNull(),
  lastHash: text('last_hash').notNull(),
});

export type AuditEventRow = typeof auditEvents.$inferSelect;
