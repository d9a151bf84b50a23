import { useLocation, useNavigate, useSearchParams } from 'react-router';

interface PageInfo {
  hasNextPage: boolean;
  endCursor: string | null;
}

/** The cursor a paged list starts after, from the URL (`param`), so a page can be shared. */
export function useCursor(param = 'after'): string | null {
  const [params] = useSearchParams();
  return params.get(param) || null;
}

/**
 * Connection paging through the URL: "Next page" adds the page's `endCursor` as `param` (a history
 * entry, so Back works); "Previous page" goes back to where this pager came from, and a shared link
 * to a later page offers "First page" instead (a connection pages forward only).
 */
export function CursorPager({ pageInfo, param = 'after', label = 'Pages' }: { pageInfo: PageInfo; param?: string; label?: string }) {
  const [params, setParams] = useSearchParams();
  const navigate = useNavigate();
  const location = useLocation();
  const after = params.get(param);
  const pagedHere = (location.state as { paged?: string } | null)?.paged === param;
  const first = () => {
    const next = new URLSearchParams(params);
    next.delete(param);
    setParams(next);
  };
  return (
    <nav className="pager" aria-label={label}>
      <button type="button" disabled={!after} onClick={() => (pagedHere ? navigate(-1) : first())}>
        {pagedHere ? 'Previous page' : 'First page'}
      </button>
      <button
        type="button"
        disabled={!pageInfo.hasNextPage || !pageInfo.endCursor}
        onClick={() => {
          const next = new URLSearchParams(params);
          next.set(param, pageInfo.endCursor ?? '');
          navigate({ search: next.toString() }, { state: { paged: param } });
        }}
      >
        Next page
      </button>
    </nav>
  );
}

/** A page link whose cursor the API refused (altered, or from another list): say so, offer the first page. */
export function InvalidCursorNotice({ param = 'after' }: { param?: string }) {
  const [params, setParams] = useSearchParams();
  return (
    <p className="panel__problem" role="alert">
      This page link is no longer valid.{' '}
      <button
        type="button"
        onClick={() => {
          const next = new URLSearchParams(params);
          next.delete(param);
          setParams(next);
        }}
      >
        Go to the first page
      </button>
    </p>
  );
}
