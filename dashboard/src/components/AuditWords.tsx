import type { AuditAction, AuditOutcome } from '../gql/graphql.ts';

const ACTIONS: Record<AuditAction, string> = {
  READ: 'Read',
  CREATE: 'Created',
  UPDATE: 'Changed',
  DELETE: 'Deleted',
  EXPORT: 'Exported',
  DENY: 'Refused',
};

const OUTCOMES: Record<AuditOutcome, { label: string; tone: string }> = {
  SUCCESS: { label: 'Success', tone: 'ok' },
  DENIED: { label: 'Denied', tone: 'alert' },
  FAILURE: { label: 'Failure', tone: 'warn' },
};

/** The outcomes in the order a filter offers them. */
export const AUDIT_OUTCOMES: readonly { value: AuditOutcome; label: string }[] = (['SUCCESS', 'DENIED', 'FAILURE'] as const).map((value) => ({
  value,
  label: OUTCOMES[value].label,
}));

export function auditActionName(action: AuditAction): string {
  return ACTIONS[action];
}

/** An audit event's outcome as a badge: success, denied (refused by the access policy), failure. */
export function OutcomeBadge({ outcome }: { outcome: AuditOutcome }) {
  const { label, tone } = OUTCOMES[outcome];
  return <span className={`badge badge--${tone}`}>{label}</span>;
}

/** The names of the fields an event read or wrote, as a compact list. */
export function AuditFields({ fields }: { fields: readonly string[] }) {
  if (fields.length === 0) return <span className="muted">—</span>;
  return <span className="audit-fields">{fields.join(', ')}</span>;
}
