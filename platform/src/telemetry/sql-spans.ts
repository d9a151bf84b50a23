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

type Callback = (client: object) => unknown;

/**
 * postgres.js has no OpenTelemetry instrumentation: this wraps the client drizzle uses so every
 * statement (inside transactions too) is a span under the request's span. A postgres.js query
 * runs when first awaited, one tick after it is built, so observing it here does not change it.
 */
export function traceQueries<T extends object>(client: T): T {
  return new Proxy(client, {
    get(target, property, receiver) {
      const value = Reflect.get(target, property, receiver);
      if (typeof value !== 'function') return value;
      if (property === 'unsafe') {
        return (statement: string, ...rest: unknown[]) => {
          const query = (value as (...args: unknown[]) => Promise<unknown>).call(target, statement, ...rest);
          endWith(startStatementSpan(statement, 'postgresql'), query);
          return query;
        };
      }
      if (property === 'begin' || property === 'savepoint') {
        return (...args: unknown[]) => {
          const last = args.length - 1;
          const callback = args[last] as Callback;
          args[last] = (inner: object) => callback(traceQueries(inner));
          return (value as (...a: unknown[]) => unknown).apply(target, args);
        };
      }
      return value;
    },
  });
}

/** The same for embedded PGlite (drizzle calls `query` and `transaction`). */
export function tracePgliteQueries<T extends object>(client: T): T {
  return new Proxy(client, {
    get(target, property, receiver) {
      const value = Reflect.get(target, property, receiver);
      if (typeof value !== 'function') return value;
      if (property === 'query') {
        return (statement: string, ...rest: unknown[]) => {
          const result = (value as (...args: unknown[]) => Promise<unknown>).call(target, statement, ...rest);
          endWith(startStatementSpan(statement, 'pglite'), result);
          return result;
        };
      }
      if (property === 'transaction') {
        return (callback: Callback) => (value as (cb: Callback) => unknown).call(target, (inner: object) => callback(tracePgliteQueries(inner)));
      }
      return value.bind(target);
    },
  });
}
