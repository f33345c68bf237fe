import { AsyncLocalStorage } from 'node:async_hooks';

const scope = new AsyncLocalStorage<{ requestId: string }>();

/** Runs `fn` (the rest of a request's handling) with `requestId` as the current request. */
export function runInRequestScope<T>(requestId: string, fn: () => T): T {
  return scope.run({ requestId }, fn);
}

/** The ID of the request whose handling is running now; undefined outside of one. */
export function currentRequestId(): string | undefined {
  return scope.getStore()?.requestId;
}
