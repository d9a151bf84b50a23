import type { ApolloServerPlugin, BaseContext } from '@apollo/server';
import { GraphQLError } from 'graphql';
import { operationCost } from './query-cost.ts';

export const COST_MESSAGE = 'The operation asks for too much at once: request fewer items per page or fewer fields.';

/**
 * Refuses an operation whose estimated cost (see `query-cost.ts`) is over `maxCost`, once its
 * variables are known and before anything is fetched: 400 GRAPHQL_VALIDATION_FAILED, like the
 * other limits, saying neither the limit nor the estimate.
 */
export function costLimit<TContext extends BaseContext>(maxCost: number): ApolloServerPlugin<TContext> {
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ schema, document, operation, request }) {
          if (!operation) return; // Apollo refuses a request naming no operation of its document
          const cost = operationCost(schema, document, operation, request.variables ?? {});
          if (cost > maxCost) {
            throw new GraphQLError(COST_MESSAGE, { extensions: { code: 'GRAPHQL_VALIDATION_FAILED', http: { status: 400 } } });
          }
        },
      };
    },
  };
}
