import type { GraphQLSchema } from 'graphql';
import type { AuditRecorder } from './audit/recorder.ts';
import type { RequestInfo } from './request.ts';

/**
 * A built domain subgraph, independent of transport: the router executes `schema` in memory
 * (modular monolith) or `serveSubgraph` puts it behind HTTP (distributed). Building one has no side
 * effects; each domain exports a `create…Subgraph(deps)` that returns this.
 */
export interface Subgraph<TContext extends object = object> {
  readonly name: string;
  readonly schema: GraphQLSchema;
  /** A fresh context (own DataLoaders) for one request; never shared with another subgraph. */
  createContext(request: RequestInfo): TContext;
  /** The audit recorder of a request's context: what it read and refused, recorded when the request ends. */
  audit?(context: TContext): AuditRecorder;
}

/**
 * Ends a request (or, over HTTP, one fetch of it) this subgraph served: its reads and refusals are
 * written before the answer leaves, once per request across fetches with `oncePerRequest`. Throws if
 * they cannot be, and the answer is then withheld (fail closed).
 */
export async function finishRequest(subgraph: Subgraph, context: object, options: { oncePerRequest?: boolean } = {}): Promise<void> {
  await subgraph.audit?.(context).flush(options);
}
