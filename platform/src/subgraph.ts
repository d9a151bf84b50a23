import type { GraphQLSchema } from 'graphql';
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
  /**
   * Called once a request's execution in this subgraph is over and before its answer leaves; the
   * audit trail is written here. If it throws, the answer is withheld (fail closed).
   */
  finish?(context: TContext): Promise<void>;
}
