import { createHash, randomUUID } from 'node:crypto';

/** What happened, mapped to FHIR AuditEvent.action: C, R, U, D, E (execute/export); deny is an outcome. */
export type AuditAction = 'create' | 'read' | 'update' | 'delete' | 'export' | 'deny';
export type AuditOutcome = 'success' | 'denied' | 'failure';

/** One audit event as a service records it: who, what, which record, which fields; never values. */
export interface AuditEntry {
  action: AuditAction;
  outcome: AuditOutcome;
  resourceType: string;
  resourceId: string | null;
  patientId: string | null;
  /** Names of the fields touched (e.g. PHI fields read), never their values. */
  fields: string[];
  actor: { sub: string | null; role: string | null; organizationId: string | null; clientId: string | null };
  requestId: string;
  traceId: string | null;
  sourceAddress: string | null;
  userAgent: string | null;
}

export interface SealedAuditEvent extends AuditEntry {
  id: string;
  chain: string;
  seq: number;
  occurredAt: Date;
  prevHash: string;
  hash: string;
}

/** The hash of the chain before its first event. */
export const GENESIS_HASH = '0'.repeat(64);

/**
 * The hash that links an event into its chain: SHA-256 over the previous hash and every field of
 * the event in a fixed order, so changing any stored field, or removing or reordering an event,
 * breaks the link to every later one.
 */
export function hashEvent(event: Omit<SealedAuditEvent, 'hash'>): string {
  const canonical = JSON.stringify([
    event.prevHash,
    event.id,
    event.chain,
    event.seq,
    event.occurredAt.toISOString(),
    event.actor.sub,
    event.actor.role,
    event.actor.organizationId,
    event.actor.clientId,
    event.action,
    event.outcome,
    event.resourceType,
    event.resourceId,
    event.patientId,
    event.fields,
    event.requestId,
    event.traceId,
    event.sourceAddress,
    event.userAgent,
  ]);
  return createHash('sha256').update(canonical).digest('hex');
}

export function seal(entry: AuditEntry, chain: string, seq: number, prevHash: string, occurredAt: Date): SealedAuditEvent {
  const unsealed = { ...entry, id: randomUUID(), chain, seq, occurredAt, prevHash };
  return { ...unsealed, hash: hashEvent(unsealed) };
}
