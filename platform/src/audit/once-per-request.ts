import { createHash } from 'node:crypto';
import { sql, type SQL } from 'drizzle-orm';
import type { AuditEntry } from './event.ts';

/**
 * How long a request's claims are kept: far longer than any request lives (the router gives a
 * subgraph seconds, the database a statement 8 s), so every fetch of a request finds them.
 */
export const CLAIM_RETENTION_MINUTES = 10;
/** How often one writer prunes claims past their retention. */
export const CLAIM_PRUNE_INTERVAL_MS = 60_000;

/**
 * The claim one entry makes: one per (request, caller, action, outcome, resource type, patient or
 * record), the same key the in-memory merge of one fetch uses (see AccessTrail). The caller is part
 * of it, so a request id reused by another caller (a router that passes a client's id through)
 * claims nothing of theirs.
 */
export function claimOf(entry: AuditEntry): string {
  return createHash('sha256')
    .update(
      [
        entry.requestId,
        entry.actor.sub ?? '',
        entry.actor.role ?? '',
        entry.actor.clientId ?? '',
        entry.action,
        entry.outcome,
        entry.resourceType,
        entry.patientId ?? entry.resourceId ?? '',
      ].join('\n'),
    )
    .digest('hex');
}

/** Entries with the same claim, merged (fields united); the first entry's circumstances stand. */
export function mergeByClaim(entries: readonly AuditEntry[]): Map<string, AuditEntry> {
  const merged = new Map<string, AuditEntry>();
  for (const entry of entries) {
    const claim = claimOf(entry);
    const existing = merged.get(claim);
    if (!existing) merged.set(claim, { ...entry, fields: [...new Set(entry.fields)] });
    else for (const field of entry.fields) if (!existing.fields.includes(field)) existing.fields.push(field);
  }
  return merged;
}

/**
 * Claims the entries' fields and returns, per claim, the fields no earlier fetch of the request
 * recorded: all of them for a new claim, the new ones for a widened claim, and no row when
 * everything was recorded before. A claim past its retention is no longer the request's, pruned or
 * not (pruning runs now and then): it is claimed afresh, as a new one. Rows go in claim order, so
 * two transactions claiming overlapping sets wait on each other instead of deadlocking; a
 * concurrent claim of the same key waits for the first to commit and then sees its fields. Run it
 * in the transaction that appends the events: a claim must never commit without its event.
 */
export function claimStatement(merged: ReadonlyMap<string, AuditEntry>): SQL {
  const rows = JSON.stringify([...merged].map(([claim, entry]) => ({ claim, fields: entry.fields })));
  const stale = sql`c.claimed_at < now() - make_interval(mins => ${CLAIM_RETENTION_MINUTES})`;
  return sql`
    insert into audit.request_claims as c (claim, fields, previous)
    select r.claim, r.fields, '{}'::text[]
    from json_to_recordset(${rows}::json) as r(claim text, fields text[])
    order by r.claim
    on conflict (claim) do update
      set fields = case when ${stale} then excluded.fields
                        else array(select distinct f from unnest(c.fields || excluded.fields) as f order by f) end,
          previous = case when ${stale} then '{}'::text[] else c.fields end,
          claimed_at = case when ${stale} then now() else c.claimed_at end
      where ${stale} or not (excluded.fields <@ c.fields)
    returning claim, fields, previous`;
}

/** The events a claim statement's rows call for: each claimed entry with only its unrecorded fields. */
export function unrecorded(merged: ReadonlyMap<string, AuditEntry>, rows: readonly { claim: string; previous: string[] }[]): AuditEntry[] {
  const previous = new Map(rows.map((row) => [row.claim, row.previous]));
  const entries: AuditEntry[] = [];
  for (const [claim, entry] of merged) {
    const recorded = previous.get(claim);
    if (!recorded) continue;
    const fields = entry.fields.filter((field) => !recorded.includes(field));
    // A new claim is always an event, even of no field (its claim commits only with it).
    if (fields.length > 0 || recorded.length === 0) entries.push({ ...entry, fields });
  }
  return entries;
}

/** Claims no fetch of their request can still need. */
export function pruneStatement(): SQL {
  return sql`delete from audit.request_claims where claimed_at < now() - make_interval(mins => ${CLAIM_RETENTION_MINUTES})`;
}
