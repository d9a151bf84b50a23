import { Link, useSearchParams } from 'react-router';
import { auditActionName, AuditFields, OutcomeBadge } from '../../components/AuditWords.tsx';
import { roleName } from '../../auth/role-names.ts';
import type { AuditTrailQuery } from '../../gql/graphql.ts';
import { formatInstant, timeSince } from '../../vitals/time.ts';

export type AuditEventNode = NonNullable<AuditTrailQuery['auditEvents']>['edges'][number]['node'];

/** A link to the trail narrowed to one value (the other filters kept, from the first page). */
function useFilterLink() {
  const [params] = useSearchParams();
  return (name: string, value: string) => {
    const next = new URLSearchParams(params);
    next.set(name, value);
    next.delete('after');
    return { search: `?${next.toString()}` };
  };
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** An id: a UUID by its first 8 characters (in full on hover and in the filter it links to), anything else as it is. */
function Id({ value }: { value: string }) {
  return UUID.test(value) ? (
    <code className="short-id" title={value}>
      {value.slice(0, 8)}…
    </code>
  ) : (
    <code className="short-id">{value}</code>
  );
}

/** The trail, one row per event: who did what to which record, when, and with what outcome. */
export function AuditEventTable({ events }: { events: readonly AuditEventNode[] }) {
  const filterLink = useFilterLink();
  return (
    <div className="table-scroll">
      <table className="data-table compact audit-table" aria-labelledby="audit-events-heading">
        <thead>
          <tr>
            <th scope="col">Time</th>
            <th scope="col">Action</th>
            <th scope="col">Outcome</th>
            <th scope="col">Actor</th>
            <th scope="col">Resource</th>
            <th scope="col">Patient</th>
            <th scope="col">Fields</th>
            <th scope="col">Request</th>
          </tr>
        </thead>
        <tbody>
          {events.map((event) => (
            <tr key={event.id} data-audit-event={event.id} data-outcome={event.outcome}>
              <th scope="row">
                <time dateTime={event.occurredAt}>{formatInstant(event.occurredAt)}</time>
                <span className="cell-detail muted">{timeSince(event.occurredAt)}</span>
              </th>
              <td>{auditActionName(event.action)}</td>
              <td>
                <OutcomeBadge outcome={event.outcome} />
              </td>
              <td>
                {event.actor ? (
                  <Link to={filterLink('actor', event.actor)} title="Only this actor's events">
                    <Id value={event.actor} />
                  </Link>
                ) : (
                  <span className="muted">unknown</span>
                )}
                <span className="cell-detail">{roleName(event.actorRole)}</span>
                {event.clientId ? <span className="cell-detail muted">via {event.clientId}</span> : null}
              </td>
              <td>
                {event.resourceType}
                {event.resourceId ? (
                  <span className="cell-detail">
                    <Id value={event.resourceId} />
                  </span>
                ) : null}
              </td>
              <td>
                {event.patientId ? (
                  <Link to={filterLink('patient', event.patientId)} title="Only events about this patient">
                    <Id value={event.patientId} />
                  </Link>
                ) : (
                  <span className="muted">—</span>
                )}
              </td>
              <td>
                <AuditFields fields={event.fields} />
              </td>
              <td>
                <Link to={filterLink('request', event.requestId)} title="Everything this request touched">
                  <Id value={event.requestId} />
                </Link>
                {event.clientRequestId ? (
                  <span className="cell-detail muted">
                    client: <Id value={event.clientRequestId} />
                  </span>
                ) : null}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
