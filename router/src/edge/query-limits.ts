import { ApolloArmor } from '@escape.tech/graphql-armor';
import type { ApolloServerPlugin } from '@apollo/server';
import { GraphQLError, type ValidationContext, type ValidationRule } from 'graphql';
import type { EdgeConfig } from '@caregraph/platform/edge-config';

/**
 * Reports a refused operation with our own message: armor prefixes every message with "Syntax
 * Error:", and with `exposeLimits: false` says nothing of the limit or of what was found.
 */
function refuse(message: string) {
  return (context: ValidationContext | null, _error: GraphQLError) => {
    context?.reportError(new GraphQLError(message));
  };
}

/** What each limit says when it refuses an operation: which limit, never its value. */
export const LIMIT_MESSAGES = {
  depth: 'The operation is nested too deeply.',
  aliases: 'The operation uses too many aliases.',
  directives: 'The operation uses too many directives.',
  tokens: 'The operation is too long.',
} as const;

/**
 * Static limits on the shape of an operation, by graphql-armor: depth, aliases and directives as
 * validation rules (refused with 400 GRAPHQL_VALIDATION_FAILED). Field suggestions are blocked here
 * too. Armor's cost limit is off (it ignores page sizes given as variables: `cost-limit.ts`), and
 * so is its token limit (`token-limit.ts`).
 */
export function queryLimits(config: EdgeConfig): { plugins: ApolloServerPlugin[]; validationRules: ValidationRule[] } {
  const rejectWith = (message: string) => ({ exposeLimits: false, propagateOnRejection: false, onReject: [refuse(message)] });
  const armor = new ApolloArmor({
    blockFieldSuggestion: { enabled: true },
    costLimit: { enabled: false },
    maxDepth: { n: config.maxDepth, ...rejectWith(LIMIT_MESSAGES.depth) },
    maxAliases: { n: config.maxAliases, ...rejectWith(LIMIT_MESSAGES.aliases) },
    maxDirectives: { n: config.maxDirectives, ...rejectWith(LIMIT_MESSAGES.directives) },
    // See token-limit.ts.
    maxTokens: { enabled: false },
  });
  const { plugins, validationRules } = armor.protect();
  // Armor is typed against its own copy of @apollo/server's declarations.
  return { plugins: plugins as unknown as ApolloServerPlugin[], validationRules };
}
