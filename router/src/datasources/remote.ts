import { RemoteGraphQLDataSource, type GraphQLDataSourceProcessOptions } from '@apollo/gateway';
import { GraphQLError } from 'graphql';
import { ACCESS_RECORDS_EXTENSION, clientHeaders, parseAccessRecords, ROUTER_PROOF_HEADER, type RouterProof } from '@caregraph/platform';
import { isPublicCode } from '@caregraph/schema-standards';
import type { RouterContext } from '../context.ts';

type FetcherResponse = Parameters<RemoteGraphQLDataSource['errorFromResponse']>[0];

/**
 * Reaches a subgraph over HTTP (distributed mode): forwards the caller's token (the subgraph
 * verifies it again), signs the call with the router's proof, carries the request id, and
 * collects the access records the subgraph returns.
 */
export class RemoteDataSource extends RemoteGraphQLDataSource<RouterContext> {
  private readonly proof: RouterProof;

  constructor(options: { url: string; proof: RouterProof }) {
    super({ url: options.url });
    this.proof = options.proof;
  }

  override willSendRequest(options: GraphQLDataSourceProcessOptions<RouterContext>): void {
    const headers = options.request.http?.headers;
    if (!headers) return;
    const request = 'context' in options ? options.context?.request : undefined;
    if (request?.requestId) headers.set('x-request-id', request.requestId);
    if (request?.token) headers.set('authorization', `Bearer ${request.token}`);
    if (request) for (const [name, value] of Object.entries(clientHeaders(request))) headers.set(name, value);
    headers.set(
      ROUTER_PROOF_HEADER,
      this.proof.sign({ query: options.request.query, variables: options.request.variables, operationName: options.request.operationName }, 'router'),
    );
  }

  /**
   * The subgraph hands back what it read or refused (it records nothing itself for the router);
   * they join the request's trail, recorded once for all subgraphs. Malformed records fail the
   * fetch: what cannot be recorded is not served.
   */
  override didReceiveResponse({ response, context }: Parameters<NonNullable<RemoteGraphQLDataSource<RouterContext>['didReceiveResponse']>>[0]) {
    const extensions = response.extensions;
    if (extensions && ACCESS_RECORDS_EXTENSION in extensions) {
      context.access.addAll(parseAccessRecords(extensions[ACCESS_RECORDS_EXTENSION]));
      delete extensions[ACCESS_RECORDS_EXTENSION];
    }
    return response;
  }

  /**
   * A subgraph answers some caller errors with HTTP 400 (e.g. a variable its scalar rejects).
   * The stock data source turns every non-2xx into an opaque error; pass a catalogued error on
   * as it is, so the caller learns which field was wrong. Anything else stays masked.
   */
  override async errorFromResponse(response: FetcherResponse): Promise<GraphQLError> {
    const body: unknown = await this.parseBody(response).catch(() => null);
    const first = (body as { errors?: { message?: unknown; extensions?: Record<string, unknown> }[] } | null)?.errors?.[0];
    if (first && typeof first.message === 'string' && isPublicCode(first.extensions?.code)) {
      return new GraphQLError(first.message, { extensions: { code: first.extensions!.code, field: first.extensions!.field } });
    }
    return super.errorFromResponse(response);
  }
}
