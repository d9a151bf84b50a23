// GraphQL Code Generator (client preset): typed documents for every operation in src/, from the
// API schema the router serves (docs/api/schema.graphql, generated from the supergraph). The
// output in src/gql/ is committed and checked for staleness by `pnpm test`; never edit it.
import type { CodegenConfig } from '@graphql-codegen/cli';
import { addTypenameSelectionDocumentTransform } from '@graphql-codegen/client-preset';

const config: CodegenConfig = {
  schema: '../docs/api/schema.graphql',
  documents: ['src/**/*.{ts,tsx}', '!src/gql/**'],
  ignoreNoDocuments: false,
  generates: {
    'src/gql/': {
      preset: 'client',
      // Every selection asks for __typename: urql's document cache learns from it which cached
      // queries a mutation's result touches (a Device assigned refetches the lists that show devices).
      documentTransforms: [addTypenameSelectionDocumentTransform],
      presetConfig: {
        // Each document carries the SHA-256 of its printed text: the dashboard sends only that
        // hash, and the router runs it from the trusted-documents file (scripts/trusted-documents.ts).
        persistedDocuments: { mode: 'embedHashInDocument', hashAlgorithm: 'sha256' },
        fragmentMasking: false,
      },
      config: {
        scalars: { DateTime: 'string', Date: 'string' },
        enumsAsTypes: true,
        useTypeImports: true,
        avoidOptionals: { field: true, inputValue: false, object: false },
      },
    },
  },
};

export default config;
