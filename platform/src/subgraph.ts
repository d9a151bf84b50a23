import type { GraphQLSchema } from 'graphql';
import type { AccessRecord } from './audit/event.ts';
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
 * Ends a request this subgraph served for a peer: its reads and refusals are written before the
 * answer leaves. Throws if they cannot be, and the answer is then withheld (fail closed).
 */
export async function finishRequest(subgraph: Subgraph, context: object): Promise<void> {
  await subgraph.audit?.(context).flush();
}

/** Ends a request this subgraph served for the router: the router records its accesses. */
export function accessRecordsOf(subgraph: Subgraph, context: object): AccessRecord[] {
  return subgraph.audit?.(context).drain() ?? [];
}
