import type { ReactNode } from 'react';
import type { FieldProblem } from '../graphql/field-errors.ts';

const WORDS: Record<FieldProblem, { label: string; title: string }> = {
  restricted: { label: 'Restricted', title: 'You may not see this field' },
  unavailable: { label: 'Unavailable', title: 'The service holding this is not answering; the rest of the page works' },
  'not-found': { label: 'Not found', title: 'It does not exist or is out of your reach' },
  failed: { label: 'Could not load', title: 'The request failed; try again' },
};

/** A field shown in place as restricted / unavailable, never as a broken page. */
export function FieldStatus({ problem }: { problem: FieldProblem }) {
  const words = WORDS[problem];
  return (
    <span className={`field-status field-status--${problem}`} title={words.title} data-field-status={problem}>
      {words.label}
    </span>
  );
}

/** Renders `children` when the field was answered, its status when not. */
export function Field({ problem, children }: { problem: FieldProblem | null; children: ReactNode }) {
  return problem ? <FieldStatus problem={problem} /> : <>{children}</>;
}

/** A panel's frame: a heading, then its content or why there is none. */
export function Panel({ title, problem, children, id }: { title: string; problem?: FieldProblem | null; children: ReactNode; id?: string }) {
  const headingId = `${id ?? title.toLowerCase().replace(/\W+/g, '-')}-heading`;
  return (
    <section className="panel" aria-labelledby={headingId} data-panel={id} data-panel-status={problem ?? 'ok'}>
      <h2 id={headingId}>{title}</h2>
      {problem ? (
        <p className="panel__problem">
          <FieldStatus problem={problem} />
          {problem === 'unavailable' ? ' This service is not answering right now; the rest of the page works.' : null}
          {problem === 'restricted' ? ' Your role may not see this.' : null}
        </p>
      ) : (
        children
      )}
    </section>
  );
}

export function Loading({ what }: { what: string }) {
  return (
    <p className="loading" role="status" aria-live="polite">
      Loading {what}…
    </p>
  );
}
