import type { EslintRule } from '../rule.ts';

/**
 * Every type, field, argument, input field, enum value, scalar and directive says what it is: the
 * schema is the documentation partners read (docs/api is generated from it). Root types are left
 * out: several subgraphs declare `Query` and `Mutation`, and their fields carry the meaning.
 */
export const descriptionsRequired: EslintRule = {
  kind: 'eslint',
  name: 'descriptions-required',
  description: 'Every type, field, argument, input field, enum value, scalar and directive has a description.',
  rules: {
    '@graphql-eslint/require-description': [
      'error',
      {
        types: true,
        rootField: true,
        FieldDefinition: true,
        InputValueDefinition: true,
        EnumValueDefinition: true,
        DirectiveDefinition: true,
        ignoredSelectors: ['ObjectTypeDefinition[name.value=/^(Query|Mutation|Subscription)$/]'],
      },
    ],
  },
};
