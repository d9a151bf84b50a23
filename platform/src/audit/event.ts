import { createHash, randomUUID } from 'node:crypto';
import { trace } from '@opentelemetry/api';
import type { RequestInfo } from '../request.ts';

/** What happened, mapped to FHIR AuditEvent.action: C, R, U, D, E (execute/export); deny is an outcome. */
export type AuditAction = 'create' | 'read' | 'update' | 'delete' | 'export' | 'deny';
export type AuditOutcome = 'success' | 'denied' | 'failure';

/**
 * What a service saw happen to one record in a request: which record, which fields; never values,
 * and not who asked (the request's {@link AuditCircumstances} say that).
 */
export interface AccessRecord {
  action: AuditAction;
  outcome: AuditOutcome;
  resourceType: string;
  resourceId: string | null;
  patientId: string | null;
  /** Names of the fields touched (e.g. PHI fields read), never their values. */
  fields: string[];
}

export interface AuditActor {
  sub: string | null;
  role: string | null;
  organizationId: string | null;
  clientId: string | null;
}

/** Who made a request and from where: the same for every event of the request. */
export interface AuditCircumstances {
  actor: AuditActor;
  /** The platform's own request id. */
  requestId: string;
  /** The caller's own x-request-id, when it sent one: beside ours, never instead of it. */
  clientRequestId?: string | null;
  traceId: string | null;
  sourceAddress: string | null;
  userAgent: string | null;
}

/** One audit event as a service records it: who, what, which record, which fields; never values. */
export type AuditEntry = AccessRecord & AuditCircumstances;

/** The circumstances of a request as a service knows them. */
export function circumstancesOf(request: RequestInfo): AuditCircumstances {
  const viewer = request.viewer;
  return {
    actor: { sub: viewer?.sub ?? null, role: viewer?.role ?? null, organizationId: viewer?.organizationId ?? null, clientId: viewer?.clientId ?? null },
    requestId: request.requestId,
    clientRequestId: request.clientRequestId ?? null,
    traceId: traceIdNow(),
    sourceAddress: request.client?.address ?? null,
    userAgent: request.client?.userAgent ?? null,
  };
}

export interface SealedAuditEvent extends AuditEntry {
  id: string;
  chain: string;
  seq: number;
  occurredAt: Date;
  prevHash: string;
  hash: string;
}

/** The link of a chain's first event: there is no event before it. */
export const GENESIS_HASH = '0'.repeat(64);

/** Every field of an event in a fixed order, with the link to the one before: what its MAC covers. */
export function canonicalEvent(event: Omit<SealedAuditEvent, 'hash'>): string {
  return JSON.stringify([
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
    // Added after events were first sealed: present only when set, so every earlier event's MAC
    // (sealed without it) still verifies.
    ...(event.clientRequestId != null ? [event.clientRequestId] : []),
  ]);
}

/**
 * The unkeyed hash events carried before the chain was keyed (SHA-256 of {@link canonicalEvent}).
 * Anyone can recompute it, so it proves nothing against someone who can write the table; it is
 * only checked for events up to a chain's recorded cut-over (`audit.chains.legacy_until`).
 */
export function hashEvent(event: Omit<SealedAuditEvent, 'hash'>): string {
  return createHash('sha256').update(canonicalEvent(event)).digest('hex');
}

/** Computes an event's MAC: what links it into its chain (see ChainKey). */
export type EventMac = (event: Omit<SealedAuditEvent, 'hash'>) => string;

export function seal(entry: AuditEntry, chain: string, seq: number, prevHash: string, occurredAt: Date, mac: EventMac): SealedAuditEvent {
  const unsealed = { ...entry, id: randomUUID(), chain, seq, occurredAt, prevHash };
  return { ...unsealed, hash: mac(unsealed) };
}

/** The trace of the request being handled, when it is traced (so an event leads to its trace). */
function traceIdNow(): string | null {
  const span = trace.getActiveSpan()?.spanContext();
  return span && span.traceId !== '00000000000000000000000000000000' ? span.traceId : null;
}
