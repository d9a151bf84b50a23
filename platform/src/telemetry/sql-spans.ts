import type { StatementHook } from '../db/statement-hook.ts';
import { context, SpanKind, SpanStatusCode, trace, type Span } from '@opentelemetry/api';

const tracer = trace.getTracer('caregraph-sql');

/** Only the statement's shape: string and number literals become `?` (parameters are never read). */
export function sanitizeStatement(statement: string): string {
  return statement
    .replace(/'(?:[^']|'')*'/g, '?')
    .replace(/\b\d+(\.\d+)?\b/g, '?')
    .replace(/\s+/g, ' ')
    .trim()
    .slice(0, 2_000);
}

function operationOf(statement: string): string {
  return /^\s*([a-z]+)/i.exec(statement)?.[1]?.toUpperCase() ?? 'SQL';
}

/** A span for one statement, when the request it serves is traced (no work at all otherwise). */
function startStatementSpan(statement: string, system: 'postgresql' | 'pglite'): Span | null {
  if (!trace.getSpan(context.active())?.isRecording()) return null;
  const operation = operationOf(statement);
  return tracer.startSpan(`${operation} ${system}`, {
    kind: SpanKind.CLIENT,
    attributes: { 'db.system.name': 'postgresql', 'db.operation.name': operation, 'db.query.text': sanitizeStatement(statement) },
  });
}

function endWith(span: Span | null, outcome: Promise<unknown>): void {
  if (!span) return;
  outcome.then(
    () => span.end(),
    (error: unknown) => {
      span.setStatus({ code: SpanStatusCode.ERROR, message: error instanceof Error ? error.name : 'error' });
      span.end();
    },
  );
}

/**
 * postgres.js and PGlite have no OpenTelemetry instrumentation: this hook makes every statement a
 * span under the request's span (see `hookStatements` for how it reaches every statement).
 */
export function statementSpans(system: 'postgresql' | 'pglite'): StatementHook {
  return (statement, rest, run) => {
    const result = run(statement, rest) as Promise<unknown>;
    endWith(startStatementSpan(statement, system), result);
    return result;
  };
}
