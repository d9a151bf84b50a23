import { useSession } from '../../auth/AuthProvider.tsx';
import { roleName } from '../../auth/role-names.ts';
import { auditActionName, AuditFields, OutcomeBadge } from '../../components/AuditWords.tsx';
import { CursorPager, InvalidCursorNotice, useCursor } from '../../components/CursorPager.tsx';
import { Loading, Panel } from '../../components/FieldStatus.tsx';
import { problemAt, requestProblem } from '../../graphql/field-errors.ts';
import { inputProblemsOf } from '../../graphql/input-errors.ts';
import type { PatientAccessLogQuery } from '../../gql/graphql.ts';
import { formatInstant, timeSince } from '../../vitals/time.ts';
import { ACCESS_LOG_PAGE_SIZE, PatientAccessLogQuery as AccessLogQuery } from './access-log-query.ts';
import { useCurrentQuery } from '../../graphql/use-current-query.ts';

type AccessEvent = NonNullable<NonNullable<PatientAccessLogQuery['patient']>['accessLog']>['edges'][number]['node'];

/**
 * A patient's access log (their accounting of disclosures): who read or changed their record,
 * when, which fields, and whether it was allowed. The API shows it to the patient themself and to
 * their organization's administrators; anyone else sees it restricted. `pageParam` is the URL
 * parameter its paging uses, so it can sit beside other paged panels.
 */
export function AccessLogPanel({ patientId, pageParam = 'logAfter' }: { patientId: string; pageParam?: string }) {
  const after = useCursor(pageParam);
  const [{ data, error, fetching }] = useCurrentQuery({
    query: AccessLogQuery,
    variables: { id: patientId, first: ACCESS_LOG_PAGE_SIZE, after },
    // Every visit adds to the log (this one included): show it as it is now.
    requestPolicy: 'cache-and-network',
  });
  const log = data?.patient?.accessLog;
  const badCursor = inputProblemsOf(error, '').fields.has('after');
  const problem = log || badCursor ? null : (problemAt(error, ['patient', 'accessLog']) ?? problemAt(error, ['patient']) ?? requestProblem(error));

  return (
    <Panel title="Access log" id="access-log" problem={problem}>
      <p className="muted panel-intro">Everyone who read or changed this record, newest first, and what they saw.</p>
      {badCursor ? <InvalidCursorNotice param={pageParam} /> : null}
      {fetching && !log ? <Loading what="the access log" /> : null}
      {log ? (
        <>
          {log.edges.length > 0 ? <AccessLogTable events={log.edges.map((edge) => edge.node)} /> : <p className="muted">Nobody has accessed this record yet.</p>}
          <CursorPager pageInfo={log.pageInfo} param={pageParam} label="Access log pages" />
        </>
      ) : null}
    </Panel>
  );
}

function AccessLogTable({ events }: { events: readonly AccessEvent[] }) {
  return (
    <div className="table-scroll">
      <table className="data-table compact" aria-labelledby="access-log-heading">
        <thead>
          <tr>
            <th scope="col">When</th>
            <th scope="col">Who</th>
            <th scope="col">What</th>
            <th scope="col">Fields</th>
            <th scope="col">Outcome</th>
          </tr>
        </thead>
        <tbody>
          {events.map((event) => (
            <tr key={event.id} data-access-event={event.id}>
              <th scope="row">
                <time dateTime={event.occurredAt}>{formatInstant(event.occurredAt)}</time>
                <span className="cell-detail muted">{timeSince(event.occurredAt)}</span>
              </th>
              <td>
                <AccessActor event={event} />
              </td>
              <td>
                {auditActionName(event.action)} <span className="muted">{event.resourceType}</span>
              </td>
              <td>
                <AuditFields fields={event.fields} />
              </td>
              <td>
                <OutcomeBadge outcome={event.outcome} />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

/** Who it was: "You" for the signed-in person, else their role and id (and the app they used). */
function AccessActor({ event }: { event: AccessEvent }) {
  const { principal } = useSession();
  if (event.actor && event.actor === principal.subject) return <strong>You</strong>;
  return (
    <>
      {roleName(event.actorRole)}
      {event.actor ? (
        <span className="cell-detail">
          <code>{event.actor}</code>
        </span>
      ) : null}
      {event.clientId ? <span className="cell-detail muted">via {event.clientId}</span> : null}
    </>
  );
}
