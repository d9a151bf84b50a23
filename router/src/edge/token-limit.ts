import type { ApolloServerPlugin, BaseContext } from '@apollo/server';
import { LIMIT_MESSAGES } from './query-limits.ts';

/** graphql-js's own message names the limit ("Document contains more that 1000 tokens", sic). */
const TOKEN_LIMIT_MESSAGE = /Document contains more th\w+ \d+ tokens/;

/**
 * The token limit is graphql-js's parser option `maxTokens`: the parser stops at the limit, so an
 * oversized document is never built (400 GRAPHQL_PARSE_FAILED). Armor's token plugin throws from
 * a hook Apollo Server does not expect to throw, which turns the refusal into a 500. The plugin
 * rewrites the parser's message and drops its location, which would tell the caller the limit.
 */
export function tokenLimit<TContext extends BaseContext>(maxTokens: number): { parseOptions: { maxTokens: number }; plugin: ApolloServerPlugin<TContext> } {
  return {
    parseOptions: { maxTokens },
    plugin: {
      async requestDidStart() {
        return {
          async didEncounterErrors({ errors }) {
            for (const error of errors) {
              if (!TOKEN_LIMIT_MESSAGE.test(error.message)) continue;
              error.message = LIMIT_MESSAGES.tokens;
              // Where parsing stopped tells the limit just as well.
              (error as { locations: unknown }).locations = undefined;
            }
          },
        };
      },
    },
  };
}
