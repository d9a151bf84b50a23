import type { EslintRule } from '../rule.ts';

export interface NamingOptions {
  /** Input types published before the `Input` suffix was required, each with the reason it stays. */
  inputsWithoutSuffix?: Record<string, string>;
}

const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** PascalCase types, camelCase fields and arguments, SCREAMING_SNAKE enum values, `Input` suffix. */
export function naming(options: NamingOptions = {}): EslintRule {
  const exceptions = Object.keys(options.inputsWithoutSuffix ?? {});
  return {
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
          InputObjectTypeDefinition: {
            style: 'PascalCase',
            suffix: 'Input',
            ...(exceptions.length > 0 ? { ignorePattern: `^(${exceptions.map(escapeRegExp).join('|')})$` } : {}),
          },
          allowLeadingUnderscore: false,
        },
      ],
    },
  };
}
