import { useSearchParams } from 'react-router';
import { CursorPager, InvalidCursorNotice, useCursor } from '../../components/CursorPager.tsx';
import { Loading, Panel } from '../../components/FieldStatus.tsx';
import { problemAt, requestProblem } from '../../graphql/field-errors.ts';
import { inputProblemsOf } from '../../graphql/input-errors.ts';
import { AuditEventTable } from './AuditEventTable.tsx';
import { FILTER_PARAMS, filtersOf, isFiltered, variablesOf, type AuditFilters } from './audit-filters.ts';
import { AuditFilterForm } from './AuditFilterForm.tsx';
import { AUDIT_PAGE_SIZE, AuditTrailQuery } from './audit-query.ts';
import { useCurrentQuery } from '../../graphql/use-current-query.ts';

/** The API's argument names, as the filters (and the URL) name them. */
const FILTER_OF_ARGUMENT: Record<string, keyof AuditFilters> = { patientId: 'patient', actor: 'actor', requestId: 'request', outcome: 'outcome', from: 'from', to: 'to' };

/**
 * The audit trail (auditors): newest first, filtered by patient, actor, request, outcome and time,
 * paged through the connection. Filters and page are in the URL, so a view of it can be shared.
 */
export function AuditTrail() {
  const [params, setParams] = useSearchParams();
  const after = useCursor();
  const filters = filtersOf(params);
  const [{ data, error, fetching }, refresh] = useCurrentQuery({
    query: AuditTrailQuery,
    variables: { first: AUDIT_PAGE_SIZE, after, ...variablesOf(filters) },
    requestPolicy: 'cache-and-network',
  });
  const refusedArguments = inputProblemsOf(error, '').fields;
  const refused = new Map([...refusedArguments].flatMap(([argument, reason]) => (FILTER_OF_ARGUMENT[argument] ? [[FILTER_OF_ARGUMENT[argument], reason] as const] : [])));
  const badCursor = refusedArguments.has('after');
  const connection = data?.auditEvents;
  const problem = connection || refused.size > 0 || badCursor ? null : (requestProblem(error) ?? problemAt(error, ['auditEvents']));
  const events = connection?.edges.map((edge) => edge.node) ?? [];

  const apply = (next: AuditFilters) => {
    const search = new URLSearchParams(params);
    for (const name of FILTER_PARAMS) (next[name] ? search.set(name, next[name]) : search.delete(name));
    search.delete('after');
    setParams(search);
  };

  return (
    <>
      <h1>Audit trail</h1>
      <AuditFilterForm
        key={FILTER_PARAMS.map((name) => filters[name]).join('|')}
        filters={filters}
        refused={refused}
        onApply={apply}
        onClear={() => apply({ patient: '', actor: '', request: '', outcome: '', from: '', to: '' })}
      />
      <aside className="note" aria-label="Integrity verification">
        <strong>Integrity:</strong> the API does not offer the verdict of <code>pnpm audit:verify</code> (which checks each chain&apos;s MACs, sequence and
        signed checkpoints) yet, so this view cannot tell whether the trail is intact. Run <code>pnpm audit:verify</code> against each domain&apos;s
        database for that.
      </aside>
      <Panel title="Events" id="audit-events" problem={problem}>
        {badCursor ? <InvalidCursorNotice /> : null}
        {refused.size > 0 ? <p role="alert">The API refused a filter; see the filter marked above.</p> : null}
        {fetching && !connection ? <Loading what="the audit trail" /> : null}
        {connection ? (
          <>
            <div className="toolbar">
              <p className="muted panel-intro" role="status">
                {events.length === 0
                  ? isFiltered(filters)
                    ? 'No events match these filters.'
                    : 'No events recorded yet.'
                  : `${events.length} event${events.length === 1 ? '' : 's'} on this page, newest first${isFiltered(filters) ? ', filtered' : ''}.`}
              </p>
              <button type="button" onClick={() => refresh({ requestPolicy: 'network-only' })} disabled={fetching}>
                {fetching ? 'Refreshing…' : 'Refresh'}
              </button>
            </div>
            {events.length > 0 ? <AuditEventTable events={events} /> : null}
            <CursorPager pageInfo={connection.pageInfo} label="Audit trail pages" />
          </>
        ) : null}
      </Panel>
    </>
  );
}
