import type { EslintRule } from '../rule.ts';

/** PascalCase types, camelCase fields and arguments, SCREAMING_SNAKE enum values, `Input` suffix. */
export const naming: EslintRule = {
  kind: 'eslint',
  name: 'naming',
  description:
    'Types are PascalCase, fields and arguments camelCase, enum values SCREAMING_SNAKE_CASE, input types end in `Input`; no leading underscores.',
  rules: {
    '@graphql-eslint/naming-convention': [
      'error',
      {
        types: 'PascalCase',
        FieldDefinition: 'camelCase',
        InputValueDefinition: 'camelCase',
        EnumValueDefinition: 'UPPER_CASE',
        DirectiveDefinition: 'camelCase',
        InputObjectTypeDefinition: { style: 'PascalCase', suffix: 'Input' },
        allowLeadingUnderscore: false,
      },
    ],
  },
};
