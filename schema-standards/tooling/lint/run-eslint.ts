import { buildSubgraphSchema } from '@apollo/subgraph';
// The rules alone, without the plugin's index (which loads graphql-config).
import { rules as graphqlEslintRules } from '@graphql-eslint/eslint-plugin/rules/index';
import { Linter } from 'eslint';
import type { GraphQLSchema } from 'graphql';
import { graphqlSdlParser } from './graphql-eslint-parser.ts';
import type { SubgraphSource } from '../subgraph-sources.ts';
import type { EslintRule, Violation } from './rule.ts';

/** Runs the graphql-eslint rules behind `rules` on each subgraph SDL, as our violations. */
export function runEslintRules(subgraphs: readonly SubgraphSource[], rules: readonly EslintRule[]): Violation[] {
  if (rules.length === 0) return [];
  const owner = new Map<string, string>();
  for (const rule of rules) for (const id of Object.keys(rule.rules)) owner.set(id, rule.name);
  const linter = new Linter({ configType: 'flat' });
  const violations: Violation[] = [];
  for (const subgraph of subgraphs) {
    // Built with @apollo/subgraph, so federation's directives and types are known to the rules.
    const schema: GraphQLSchema = buildSubgraphSchema({ typeDefs: subgraph.document });
    const messages = linter.verify(
      subgraph.sdl,
      [
        {
          files: ['**/*.graphql'],
          languageOptions: { parser: graphqlSdlParser(schema) },
          plugins: { '@graphql-eslint': { rules: graphqlEslintRules } },
          rules: Object.assign({}, ...rules.map((rule) => rule.rules)),
        },
      ],
      `${subgraph.name}.graphql`,
    );
    for (const message of messages) {
      violations.push({
        rule: (message.ruleId && owner.get(message.ruleId)) ?? 'syntax',
        subgraph: subgraph.name,
        file: subgraph.file,
        line: message.line,
        column: message.column,
        message: message.message,
      });
    }
  }
  return violations;
}
