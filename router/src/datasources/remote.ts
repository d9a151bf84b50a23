import { RemoteGraphQLDataSource, type GraphQLDataSourceProcessOptions } from '@apollo/gateway';
import type { RouterContext } from '../context.ts';

/** Reaches a subgraph over HTTP (distributed mode), carrying the request id for correlation. */
export class RemoteDataSource extends RemoteGraphQLDataSource<RouterContext> {
  override willSendRequest(options: GraphQLDataSourceProcessOptions<RouterContext>): void {
    const requestId = 'context' in options ? options.context?.request?.requestId : undefined;
    if (requestId) options.request.http?.headers.set('x-request-id', requestId);
  }
}
