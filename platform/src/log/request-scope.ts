import { AsyncLocalStorage } from 'node:async_hooks';

const scope = new AsyncLocalStorage<{ requestId: string }>();

/** Runs one request's handling with its id in scope, so every log line of it can carry the id. */
export function inRequestScope<T>(requestId: string, handle: () => T): T {
  return scope.run({ requestId }, handle);
}

/** The id of the request being handled, if any. */
export function currentRequestId(): string | undefined {
  return scope.getStore()?.requestId;
}
