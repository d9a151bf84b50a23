import { expect } from 'vitest';
import type { GraphQLResponse } from '../../support/graphql-client.ts';
import { UPSTREAM_SECRET } from './faulty-upstream.ts';

/** What must never reach a client about a failing subgraph: its address, its body, a stack. */
const LEAKS = [/127\.0\.0\.1|localhost|https?:\/\//, new RegExp(UPSTREAM_SECRET.split(' ')[2]!), /hunter2/, /\.ts:\d+/];

/** The response names `service` as unavailable at `path`, and leaks nothing about it. */
export function expectUnavailable(response: GraphQLResponse, service: string, path: (string | number)[]): void {
  const error = response.errors?.find((e) => JSON.stringify(e.path) === JSON.stringify(path));
  expect(error, `an error at ${path.join('.')} in ${JSON.stringify(response.errors)}`).toBeDefined();
  expect(error!.extensions?.code).toBe('SERVICE_UNAVAILABLE');
  expect(error!.extensions?.service).toBe(service);
  expect(error!.message).toContain(service);
  expectNoLeak(response);
}

export function expectNoLeak(response: GraphQLResponse): void {
  const body = JSON.stringify({ data: response.data, errors: response.errors });
  for (const leak of LEAKS) expect(body).not.toMatch(leak);
}

/** Runs `send` and returns its answer with how long it took (ms). */
export async function timed<T>(send: () => Promise<T>): Promise<{ answer: T; ms: number }> {
  const started = Date.now();
  const answer = await send();
  return { answer, ms: Date.now() - started };
}
