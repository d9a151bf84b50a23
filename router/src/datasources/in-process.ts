import type { GraphQLDataSource, GraphQLDataSourceProcessOptions } from '@apollo/gateway';
import { finishRequest, LocalExecutor, type RequestInfo, type Subgraph } from '@caregraph/platform';
import type { RouterContext } from '../context.ts';
import { measureFetch } from '../subgraph-metrics.ts';

/**
 * Reaches a subgraph in memory (modular monolith). Unlike the stock LocalGraphQLDataSource it
 * gives each subgraph its own per-request context (own loaders, no state shared with the router or
 * other subgraphs) and parses and validates each fetch document once, not on every call.
 */
type GatewayResponse = Awaited<ReturnType<GraphQLDataSource['process']>>;

export class InProcessDataSource implements GraphQLDataSource<RouterContext> {
  readonly executor: LocalExecutor;
  /** Per router request: this subgraph's context, shared by all its fetches in that request. */
  private readonly contexts = new WeakMap<object, object>();

  constructor(private readonly subgraph: Subgraph) {
    this.executor = new LocalExecutor(subgraph.schema);
  }

  async process(options: GraphQLDataSourceProcessOptions<RouterContext>): Promise<GatewayResponse> {
    const { request } = options;
    const context = this.contextFor(options);
    const result = await measureFetch(this.subgraph.name, () =>
      this.executor.execute({ query: request.query ?? '', variables: request.variables, operationName: request.operationName }, context),
    );
    return result as GatewayResponse;
  }

  /**
   * Ends one router request for this subgraph: what it read or refused across the request's
   * fetches (one context, so already merged) goes to its own trail. Throws if that fails.
   */
  async finish(routerContext: object): Promise<void> {
    const context = this.contexts.get(routerContext);
    if (!context) return;
    this.contexts.delete(routerContext);
    await finishRequest(this.subgraph, context);
  }

  private contextFor(options: GraphQLDataSourceProcessOptions<RouterContext>): object {
    const routerContext = 'context' in options ? options.context : undefined;
    const info: RequestInfo = routerContext?.request ?? { requestId: 'internal', viewer: null, token: null };
    if (!routerContext) return this.subgraph.createContext(info);
    let context = this.contexts.get(routerContext);
    if (!context) {
      context = this.subgraph.createContext(info);
      this.contexts.set(routerContext, context);
    }
    return context;
  }
}
