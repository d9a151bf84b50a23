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
type AnyFunction = (...args: unknown[]) => unknown;

/** How a driver's client runs statements and opens transactions (whose callback gets a client too). */
interface ClientShape {
  system: 'postgresql' | 'pglite';
  /** The method taking a statement's text first. */
  statement: string;
  /** The methods whose last argument is a callback given a transaction's client. */
  transactions: readonly string[];
  /** Class instances with private fields need their methods called on the target, not the proxy. */
  bindMethods: boolean;
}

/** A client whose statements are spans, and whose transactions' clients are wrapped the same way. */
function traced<T extends object>(client: T, shape: ClientShape): T {
  return new Proxy(client, {
    get(target, property, receiver) {
      const value = Reflect.get(target, property, receiver);
      if (typeof value !== 'function') return value;
      const method = value as AnyFunction;
      if (property === shape.statement) {
        return (statement: string, ...rest: unknown[]) => {
          const result = method.call(target, statement, ...rest) as Promise<unknown>;
          endWith(startStatementSpan(statement, shape.system), result);
          return result;
        };
      }
      if (shape.transactions.includes(property as string)) {
        return (...args: unknown[]) => {
          const callback = args[args.length - 1] as Callback;
          args[args.length - 1] = (inner: object) => callback(traced(inner, shape));
          return method.apply(target, args);
        };
      }
      return shape.bindMethods ? method.bind(target) : method;
    },
  });
}

/**
 * postgres.js has no OpenTelemetry instrumentation: this wraps the client drizzle uses so every
 * statement (inside transactions too) is a span under the request's span. A postgres.js query
 * runs when first awaited, one tick after it is built, so observing it here does not change it.
 */
export function traceQueries<T extends object>(client: T): T {
  return traced(client, { system: 'postgresql', statement: 'unsafe', transactions: ['begin', 'savepoint'], bindMethods: false });
}

/** The same for embedded PGlite (drizzle calls `query` and `transaction`). */
export function tracePgliteQueries<T extends object>(client: T): T {
  return traced(client, { system: 'pglite', statement: 'query', transactions: ['transaction'], bindMethods: true });
}
