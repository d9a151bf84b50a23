import { RemoteGraphQLDataSource, type GraphQLDataSource, type GraphQLDataSourceProcessOptions } from '@apollo/gateway';
import { GraphQLError, parse, type DocumentNode } from 'graphql';
import { CACHE_POLICY_HEADER, clientHeaders, isRetryableOperation, log, provenHeaders, ROUTER_PROOF_HEADER, type RouterProof, traceHeaders } from '@caregraph/platform';
import { isPublicCode } from '@caregraph/schema-standards';
import type { RouterContext } from '../context.ts';
import {
  fieldPaths,
  LastGoodAnswers,
  subgraphFetcher,
  SubgraphFailure,
  unavailableResult,
  withAttemptSignal,
  type SubgraphGuard,
  type SubgraphResilience,
} from '../resilience/index.ts';

/** The fetch's document, for the paths of its fields (the gateway does not always pass it parsed). */
function parsed(query: string | undefined): DocumentNode | undefined {
  try {
    return query ? parse(query) : undefined;
  } catch {
    return undefined;
  }
}

type FetcherResponse = Parameters<RemoteGraphQLDataSource['errorFromResponse']>[0];
type GatewayResponse = Awaited<ReturnType<GraphQLDataSource['process']>>;
type ProcessOptions = GraphQLDataSourceProcessOptions<RouterContext>;

/**
 * Reaches a subgraph over HTTP (distributed mode): forwards the caller's token (the subgraph
 * verifies it again), signs the call with the router's proof, carries the request id, and
 * collects the access records the subgraph returns.
 *
 * Every call runs under the subgraph's guard (deadline, retries of queries, circuit breaker) on
 * a connection-limited agent. When the subgraph cannot answer, the fields of the fetch are null
 * with `SERVICE_UNAVAILABLE` naming the service, or, for a cacheable read, its last good answer
 * is served and flagged in `extensions.stale`.
 */
export class RemoteDataSource extends RemoteGraphQLDataSource<RouterContext> {
  private readonly proof: RouterProof;
  private readonly service: string;
  private readonly resilience: SubgraphResilience;
  private readonly guard: SubgraphGuard;

  constructor(options: { name: string; url: string; proof: RouterProof; resilience: SubgraphResilience }) {
    super({ url: options.url, fetcher: subgraphFetcher(options.url, options.resilience.settings.maxSockets, options.resilience.settings.clientTls) });
    this.proof = options.proof;
    this.service = options.name;
    this.resilience = options.resilience;
    this.guard = options.resilience.guardFor(options.name);
  }

  override async process(options: ProcessOptions): Promise<GatewayResponse> {
    // Health checks and schema loads carry no router context; fetches of a request do.
    const context = ('context' in options ? options.context : undefined) as RouterContext | undefined;
    const { request } = options;
    const given = 'document' in options ? options.document : undefined;
    const repeatable = isRetryableOperation(given ?? request.query ?? '', request.operationName);
    const cacheKey = repeatable ? LastGoodAnswers.keyOf(this.service, request, context?.request.viewer ?? null) : null;
    try {
      const response = await this.guard.call((signal) => withAttemptSignal(signal, () => this.attempt(options)), {
        deadline: this.resilience.deadlineFor(context, this.guard),
        repeatable,
      });
      if (cacheKey) this.resilience.lastGood.remember(cacheKey, response, response.http?.headers.get(CACHE_POLICY_HEADER));
      return response;
    } catch (error) {
      if (!(error instanceof SubgraphFailure)) throw error;
      // The reason stays in the server log; the caller learns the service's name only.
      log.warn({ service: this.service, failure: error.kind, status: error.status ?? null }, 'subgraph could not answer');
      const document = given ?? parsed(request.query);
      const stored = cacheKey ? this.resilience.lastGood.recall(cacheKey) : null;
      if (stored) {
        const asOf = new Date(stored.storedAt).toISOString();
        const paths = document ? fieldPaths(document, request.variables) : [];
        this.resilience.noteStale(context, paths.map((path) => ({ service: this.service, path, asOf })));
        return { data: stored.data };
      }
      return unavailableResult(error, document, request.variables);
    }
  }

  /** One try: the stock HTTP call, then a check that what came back is a GraphQL response at all. */
  private async attempt(options: ProcessOptions): Promise<GatewayResponse> {
    const response = await super.process(options);
    if (typeof response !== 'object' || response === null || !('data' in response || 'errors' in response)) {
      throw new SubgraphFailure(this.service, 'bad-answer', true);
    }
    return response;
  }

  override willSendRequest(options: ProcessOptions): void {
    const headers = options.request.http?.headers;
    if (!headers) return;
    const request = 'context' in options ? options.context?.request : undefined;
    if (request?.requestId) headers.set('x-request-id', request.requestId);
    if (request?.token) headers.set('authorization', `Bearer ${request.token}`);
    if (request) for (const [name, value] of Object.entries(clientHeaders(request))) headers.set(name, value);
    // W3C trace context, so the subgraph's spans join the request's trace whatever the fetcher.
    for (const [name, value] of Object.entries(traceHeaders())) headers.set(name, value);
    headers.set(
      ROUTER_PROOF_HEADER,
      // Bound to the caller's token and single-use: captured, it carries no other token nor a second call.
      this.proof.sign(
        {
          query: options.request.query,
          variables: options.request.variables,
          operationName: options.request.operationName,
          token: request?.token ?? null,
          headers: provenHeaders((name) => headers.get(name)),
        },
        'router',
      ),
    );
  }

  /**
   * A subgraph answers some caller errors with HTTP 400 (e.g. a variable its scalar rejects).
   * The stock data source turns every non-2xx into an opaque error; pass a catalogued error on
   * as it is, so the caller learns which field was wrong. Anything else stays masked, and a 5xx
   * is the subgraph failing, whatever its body says (see SubgraphFailure).
   */
  override async errorFromResponse(response: FetcherResponse): Promise<GraphQLError> {
    // The status only: the body of a failing subgraph is neither parsed nor kept.
    if (response.status >= 500) return new GraphQLError(`HTTP ${response.status}`, { extensions: { response: { status: response.status } } });
    const body: unknown = await this.parseBody(response).catch(() => null);
    const first = (body as { errors?: { message?: unknown; extensions?: Record<string, unknown> }[] } | null)?.errors?.[0];
    if (first && typeof first.message === 'string' && isPublicCode(first.extensions?.code)) {
      return new GraphQLError(first.message, { extensions: { code: first.extensions!.code, field: first.extensions!.field } });
    }
    return super.errorFromResponse(response);
  }
}
