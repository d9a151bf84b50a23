import { useMemo, useState, type FormEvent } from 'react';
import { Link, useLocation, useNavigate, useSearchParams } from 'react-router';
import { routes } from '../../app/routes.ts';
import { useSession } from '../../auth/AuthProvider.tsx';
import { Field, Loading, Panel } from '../../components/FieldStatus.tsx';
import { SortableHeader } from '../../components/SortableHeader.tsx';
import { config } from '../../config.ts';
import type { PatientFilterInput } from '../../gql/graphql.ts';
import { problemAt, requestProblem } from '../../graphql/field-errors.ts';
import { timeSince } from '../../vitals/time.ts';
import { useReferenceRanges } from '../../vitals/useReferenceRanges.ts';
import { LatestVitalChips } from '../../vitals/LatestVitals.tsx';
import { DeviceKinds } from '../../components/DeviceKinds.tsx';
import { filterByName, rowsOf, sortRows, type SortDirection, type SortKey } from './patient-rows.ts';
import { PatientStatusCell } from './PatientStatusCell.tsx';
import { MyPatientsQuery, PAGE_SIZE } from './patients-query.ts';
import { useCurrentQuery } from '../../graphql/use-current-query.ts';

const SORT_KEYS: readonly SortKey[] = ['name', 'age', 'last', 'status'];

/** The server-side filter a search asks for: an e-mail or an MRN is looked up across all pages. */
function serverFilterOf(params: URLSearchParams): PatientFilterInput | undefined {
  const mrn = params.get('mrn');
  const email = params.get('email');
  if (mrn) return { mrn };
  if (email) return { email };
  return undefined;
}

/**
 * My patients: a clinician's care-team patients, an administrator's organization. Pages come from
 * the connection (`after` in the URL); search and sort are in the URL too, so a view can be shared.
 */
export function MyPatients() {
  const { principal } = useSession();
  const [params, setParams] = useSearchParams();
  const navigate = useNavigate();
  const location = useLocation();
  const after = params.get('after');
  const filter = serverFilterOf(params);
  const nameFilter = params.get('q') ?? '';
  const sortKey = SORT_KEYS.find((key) => key === params.get('sort')) ?? null;
  const direction: SortDirection = params.get('dir') === 'desc' ? 'desc' : 'asc';
  const staleAfterMinutes = Number(params.get('staleAfter')) || config.staleAfterMinutes;
  const [search, setSearch] = useState(params.get('mrn') ?? params.get('email') ?? nameFilter);

  const [{ data, error, fetching }] = useCurrentQuery({ query: MyPatientsQuery, variables: { first: PAGE_SIZE, after, filter } });
  const ranges = useReferenceRanges();
  const connection = data?.patients;
  const rows = useMemo(() => {
    const all = rowsOf(connection?.edges.map((edge) => edge.node) ?? [], ranges, staleAfterMinutes);
    return sortRows(filterByName(all, nameFilter), sortKey, direction);
  }, [connection, ranges, staleAfterMinutes, nameFilter, sortKey, direction]);

  const update = (changes: Record<string, string | null>) => {
    const next = new URLSearchParams(params);
    for (const [key, value] of Object.entries(changes)) {
      if (value === null || value === '') next.delete(key);
      else next.set(key, value);
    }
    setParams(next);
  };
  const onSearch = (event: FormEvent) => {
    event.preventDefault();
    const text = search.trim();
    // An e-mail or an MRN (it has digits; names have none) is an exact lookup across every page.
    if (text.includes('@')) update({ email: text, mrn: null, q: null, after: null });
    else if (/\d/.test(text)) update({ mrn: text, email: null, q: null, after: null });
    else update({ q: text, mrn: null, email: null });
  };
  const sortBy = (key: SortKey) => update({ sort: key, dir: sortKey === key && direction === 'asc' ? 'desc' : 'asc' });

  const title = principal.role === 'clinician' ? 'My patients' : 'Patients';
  const listProblem = connection ? null : requestProblem(error) ?? problemAt(error, ['patients']);
  return (
    <>
      <h1>{title}</h1>
      <form className="toolbar" role="search" onSubmit={onSearch}>
        <label htmlFor="patient-search">Search</label>
        <input
          id="patient-search"
          type="search"
          value={search}
          onChange={(event) => setSearch(event.target.value)}
          aria-describedby="patient-search-hint"
          placeholder="Name, MRN or e-mail"
        />
        <button type="submit">Search</button>
        {filter || nameFilter ? (
          <button
            type="button"
            onClick={() => {
              setSearch('');
              update({ q: null, mrn: null, email: null, after: null });
            }}
          >
            Clear
          </button>
        ) : null}
        <span id="patient-search-hint" className="muted hint">
          A name filters the page shown (names are encrypted at rest); an MRN or e-mail finds the patient on any page.
        </span>
        <label htmlFor="stale-after">Stale after</label>
        <select id="stale-after" value={staleAfterMinutes} onChange={(event) => update({ staleAfter: event.target.value })}>
          {[...new Set([30, 60, 120, 240, 720, 1440, config.staleAfterMinutes])].sort((a, b) => a - b).map((minutes) => (
            <option key={minutes} value={minutes}>
              {minutes < 60 ? `${minutes} min` : `${minutes / 60} h`}
            </option>
          ))}
        </select>
      </form>
      <Panel title={`${title} list`} id="patients" problem={listProblem}>
        {fetching && !connection ? <Loading what="patients" /> : null}
        {connection ? (
          <>
            <div className="table-scroll">
              <table className="data-table" aria-describedby="patients-heading">
                <thead>
                  <tr>
                    <SortableHeader label="Name" sortKey="name" active={sortKey} direction={direction} onSort={sortBy} />
                    <SortableHeader label="Age" sortKey="age" active={sortKey} direction={direction} onSort={sortBy} />
                    <th scope="col">Devices</th>
                    <th scope="col">Latest vitals</th>
                    <SortableHeader label="Last reading" sortKey="last" active={sortKey} direction={direction} onSort={sortBy} />
                    <SortableHeader label="Status" sortKey="status" active={sortKey} direction={direction} onSort={sortBy} />
                  </tr>
                </thead>
                <tbody>
                  {rows.map((row) => {
                    const at = ['patients', 'edges', row.index, 'node'];
                    return (
                      <tr key={row.node.id} data-patient-id={row.node.id}>
                        <th scope="row">
                          <Link to={routes.patient(row.node.id)}>
                            <Field problem={problemAt(error, [...at, 'name'])}>{row.node.name?.text}</Field>
                            {problemAt(error, [...at, 'name']) ? <span className="muted"> {row.node.id.slice(0, 8)}</span> : null}
                          </Link>
                        </th>
                        <td>
                          <Field problem={problemAt(error, [...at, 'ageBand'])}>{row.node.ageBand}</Field>
                        </td>
                        <td>
                          <Field problem={problemAt(error, [...at, 'devices'])}>
                            <DeviceKinds devices={row.node.devices ?? []} />
                          </Field>
                        </td>
                        <td>
                          <Field problem={problemAt(error, [...at, 'latestVitals'])}>
                            <LatestVitalChips vitals={row.node.latestVitals ?? []} ranges={ranges} />
                          </Field>
                        </td>
                        <td>{row.status.lastReadingAt ? <time dateTime={row.status.lastReadingAt}>{timeSince(row.status.lastReadingAt)}</time> : '—'}</td>
                        <td>
                          <PatientStatusCell row={row} />
                        </td>
                      </tr>
                    );
                  })}
                </tbody>
              </table>
            </div>
            {rows.length === 0 ? <p className="muted">No patients match.</p> : null}
            <nav className="pager" aria-label="Pages">
              <button type="button" disabled={!after} onClick={() => (location.state?.paged ? navigate(-1) : update({ after: null }))}>
                {location.state?.paged ? 'Previous page' : 'First page'}
              </button>
              <button
                type="button"
                disabled={!connection.pageInfo.hasNextPage}
                onClick={() => {
                  const next = new URLSearchParams(params);
                  next.set('after', connection.pageInfo.endCursor ?? '');
                  navigate({ search: next.toString() }, { state: { paged: true } });
                }}
              >
                Next page
              </button>
            </nav>
          </>
        ) : null}
      </Panel>
    </>
  );
}
