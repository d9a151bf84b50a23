import type { ApolloServerPlugin, BaseContext } from '@apollo/server';
import { GraphQLError } from 'graphql';

export const OPERATION_MESSAGES = {
  ambiguous: 'The document holds several operations: name the one to run in "operationName".',
  unknown: 'The document holds no operation of the name given in "operationName".',
  noRoot: 'This API has no operations of that type.',
} as const;

function refuse(message: string): GraphQLError {
  return new GraphQLError(message, { extensions: { code: 'OPERATION_RESOLUTION_FAILURE', http: { status: 400 } } });
}

/**
 * A request whose document names no runnable operation is refused with 400 before the gateway
 * sees it: the gateway throws on a document with several operations and no `operationName`, an
 * `operationName` the document does not hold, or an operation type the schema lacks (subscriptions),
 * and a throw there became a 500. The given name is not repeated (it is the caller's text).
 */
export function operationResolution<TContext extends BaseContext>(): ApolloServerPlugin<TContext> {
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ operation, request, schema }) {
          if (!operation) {
            throw refuse(typeof request.operationName === 'string' && request.operationName !== '' ? OPERATION_MESSAGES.unknown : OPERATION_MESSAGES.ambiguous);
          }
          if (!schema.getRootType(operation.operation)) throw refuse(OPERATION_MESSAGES.noRoot);
        },
      };
    },
  };
}
