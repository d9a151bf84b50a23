import { RemoteGraphQLDataSource, type GraphQLDataSourceProcessOptions } from '@apollo/gateway';
import { GraphQLError } from 'graphql';
import { isPublicCode } from '@caregraph/schema-standards';
import type { RouterContext } from '../context.ts';

type FetcherResponse = Parameters<RemoteGraphQLDataSource['errorFromResponse']>[0];

/** Reaches a subgraph over HTTP (distributed mode), carrying the request id for correlation. */
export class RemoteDataSource extends RemoteGraphQLDataSource<RouterContext> {
  override willSendRequest(options: GraphQLDataSourceProcessOptions<RouterContext>): void {
    const requestId = 'context' in options ? options.context?.request?.requestId : undefined;
    if (requestId) options.request.http?.headers.set('x-request-id', requestId);
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
