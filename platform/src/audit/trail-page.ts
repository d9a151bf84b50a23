import { and, desc, eq, gte, lt, or, sql, type SQL } from 'drizzle-orm';
import type { Db } from '../db/database.ts';
import type { AuditOutcome } from './event.ts';
import { auditEvents, type AuditEventRow } from './schema.ts';

/** Which events a page of the trail holds; every condition must hold. */
export interface TrailFilter {
  /** Events of this organization's callers. */
  actorOrganizationId?: string;
  patientId?: string;
  actor?: string;
  /** The platform's request id or the caller's own. */
  requestId?: string;
  /** Events with this outcome (e.g. `denied`: the refusals). */
  outcome?: AuditOutcome;
  from?: Date | null;
  to?: Date | null;
}

/** Where a page continues: after this event in the trail's order (newest first). */
export interface TrailCursor {
  occurredAt: Date;
  chain: string;
  seq: number;
}

/** One database's page of the trail, and which database it came from (see {@link databaseIdentity}). */
export interface TrailPage {
  database: string;
  rows: AuditEventRow[];
}

/**
 * Which physical database this is: the cluster's system identifier and the database's oid. Unlike
 * the ledger id (copied with the data by pg_dump or CREATE DATABASE … TEMPLATE), no two databases
 * share it, so the audit domain can tell a peer that shares its database from one with a copy.
 */
export function databaseIdentity(db: Db): Promise<string> {
  // A database's identity cannot change while a process holds it open: read once per database.
  let identity = IDENTITIES.get(db);
  if (!identity) {
    identity = readDatabaseIdentity(db);
    identity.catch(() => IDENTITIES.delete(db));
    IDENTITIES.set(db, identity);
  }
  return identity;
}

const IDENTITIES = new WeakMap<Db, Promise<string>>();

async function readDatabaseIdentity(db: Db): Promise<string> {
  const result = (await db.execute(
    sql`select (select system_identifier from pg_control_system())::text as cluster, (select oid from pg_database where datname = current_database())::text as database`,
  )) as unknown;
  const [row] = (Array.isArray(result) ? result : (result as { rows: unknown[] }).rows) as { cluster: string; database: string }[];
  return `${row!.cluster}/${row!.database}`;
}

/**
 * Reads of one database's audit trail, newest first, keyset-paginated on (occurred_at, chain,
 * seq). That order is total across databases too (each service writes only its own chains), so
 * pages of several databases merge into one page of the whole trail (see TrailReader).
 */
export async function readTrailPage(db: Db, filter: TrailFilter, limit: number, after: TrailCursor | null): Promise<AuditEventRow[]> {
  const conditions: (SQL | undefined)[] = [
    filter.actorOrganizationId ? eq(auditEvents.actorOrganizationId, filter.actorOrganizationId) : undefined,
    filter.patientId ? eq(auditEvents.patientId, filter.patientId) : undefined,
    filter.actor ? eq(auditEvents.actorSub, filter.actor) : undefined,
    filter.requestId ? or(eq(auditEvents.requestId, filter.requestId), eq(auditEvents.clientRequestId, filter.requestId)) : undefined,
    filter.outcome ? eq(auditEvents.outcome, filter.outcome) : undefined,
    filter.from ? gte(auditEvents.occurredAt, filter.from) : undefined,
    filter.to ? lt(auditEvents.occurredAt, filter.to) : undefined,
    after
      ? or(
          lt(auditEvents.occurredAt, after.occurredAt),
          and(eq(auditEvents.occurredAt, after.occurredAt), sql`(${auditEvents.chain}, ${auditEvents.seq}) < (${after.chain}, ${after.seq})`),
        )
      : undefined,
  ];
  return db
    .select()
    .from(auditEvents)
    .where(and(...conditions))
    .orderBy(desc(auditEvents.occurredAt), desc(auditEvents.chain), desc(auditEvents.seq))
    .limit(limit);
}

/** Newest first, as readTrailPage orders them. */
export function compareTrailOrder(a: AuditEventRow, b: AuditEventRow): number {
  return b.occurredAt.getTime() - a.occurredAt.getTime() || (a.chain < b.chain ? 1 : a.chain > b.chain ? -1 : 0) || b.seq - a.seq;
}

/** A page of this database's trail and which database it is, as a domain serves it to the audit domain. */
export async function servedTrailPage(db: Db, request: TrailPageRequest): Promise<TrailPage> {
  const [database, rows] = await Promise.all([databaseIdentity(db), readTrailPage(db, request.filter, request.limit, request.after)]);
  return { database, rows };
}

/** What the audit domain asks another domain for (the body of its `/audit-trail` call). */
export interface TrailPageRequest {
  filter: TrailFilter;
  limit: number;
  after: TrailCursor | null;
}

/** The largest page one call asks for (a connection's 100 plus the look-ahead). */
export const MAX_TRAIL_PAGE = 101;
