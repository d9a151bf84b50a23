import { and, desc, eq, gte, lt, or, sql, type SQL } from 'drizzle-orm';
import { auditEvents, type AuditEventRow, type Db } from '@caregraph/platform';

export interface EventFilter {
  /** Events of this organization's callers. */
  actorOrganizationId?: string;
  patientId?: string;
  actor?: string;
  requestId?: string;
  from?: Date | null;
  to?: Date | null;
}

export interface EventCursor {
  occurredAt: Date;
  chain: string;
  seq: number;
}

/** Reads of the audit trail, newest first, keyset-paginated on (occurred_at, chain, seq). */
export class AuditEventRepository {
  constructor(private readonly db: Db) {}

  async page(filter: EventFilter, limit: number, after: EventCursor | null): Promise<AuditEventRow[]> {
    const conditions: (SQL | undefined)[] = [
      filter.actorOrganizationId ? eq(auditEvents.actorOrganizationId, filter.actorOrganizationId) : undefined,
      filter.patientId ? eq(auditEvents.patientId, filter.patientId) : undefined,
      filter.actor ? eq(auditEvents.actorSub, filter.actor) : undefined,
      filter.requestId ? or(eq(auditEvents.requestId, filter.requestId), eq(auditEvents.clientRequestId, filter.requestId)) : undefined,
      filter.from ? gte(auditEvents.occurredAt, filter.from) : undefined,
      filter.to ? lt(auditEvents.occurredAt, filter.to) : undefined,
      after
        ? or(
            lt(auditEvents.occurredAt, after.occurredAt),
            and(eq(auditEvents.occurredAt, after.occurredAt), sql`(${auditEvents.chain}, ${auditEvents.seq}) < (${after.chain}, ${after.seq})`),
          )
        : undefined,
    ];
    return this.db
      .select()
      .from(auditEvents)
      .where(and(...conditions))
      .orderBy(desc(auditEvents.occurredAt), desc(auditEvents.chain), desc(auditEvents.seq))
      .limit(limit);
  }
}
