type AnyFunction = (...args: unknown[]) => unknown;

/** Runs the statement (with its text and the driver's other arguments) as the driver would. */
export type RunStatement = (statement: string, rest: unknown[]) => unknown;

/** Sees every statement a client runs, and decides how it runs. */
export type StatementHook = (statement: string, rest: unknown[], run: RunStatement) => unknown;

/** How a driver's client runs statements and opens transactions (whose callback gets a client too). */
export interface ClientShape {
  /** The method taking a statement's text first. */
  statement: string;
  /** The methods whose last argument is a callback given a transaction's client. */
  transactions: readonly string[];
  /** Class instances with private fields need their methods called on the target, not the proxy. */
  bindMethods: boolean;
}

/** postgres.js, as drizzle drives it: `unsafe(text, params, options)`, `begin` and `savepoint`. */
export const POSTGRES_JS: ClientShape = { statement: 'unsafe', transactions: ['begin', 'savepoint'], bindMethods: false };

/** Embedded PGlite, as drizzle drives it: `query(text, params)` and `transaction`. */
export const PGLITE: ClientShape = { statement: 'query', transactions: ['transaction'], bindMethods: true };

/**
 * A client whose every statement, inside transactions too, passes through `hook`. A postgres.js
 * query runs when first awaited, one tick after it is built, so a hook that observes or adjusts
 * it here does not change when it runs.
 */
export function hookStatements<T extends object>(client: T, shape: ClientShape, hook: StatementHook): T {
  return new Proxy(client, {
    get(target, property, receiver) {
      const value = Reflect.get(target, property, receiver);
      if (typeof value !== 'function') return value;
      const method = value as AnyFunction;
      if (property === shape.statement) {
        const run: RunStatement = (statement, rest) => method.call(target, statement, ...rest);
        return (statement: string, ...rest: unknown[]) => hook(statement, rest, run);
      }
      if (shape.transactions.includes(property as string)) {
        return (...args: unknown[]) => {
          const callback = args[args.length - 1] as (client: object) => unknown;
          args[args.length - 1] = (inner: object) => callback(hookStatements(inner, shape, hook));
          return method.apply(target, args);
        };
      }
      return shape.bindMethods ? method.bind(target) : method;
    },
  });
}

/** `outer` sees each statement first and hands it on to `inner`, which runs it. */
export function chainHooks(outer: StatementHook, inner: StatementHook): StatementHook {
  return (statement, rest, run) => outer(statement, rest, (text, args) => inner(text, args, run));
}
