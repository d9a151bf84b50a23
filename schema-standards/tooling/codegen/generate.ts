import { codegen } from '@graphql-codegen/core';
import * as typescriptPlugin from '@graphql-codegen/typescript';
import * as typescriptResolversPlugin from '@graphql-codegen/typescript-resolvers';
import { buildASTSchema, parse, printSchema, type DocumentNode, type GraphQLSchema } from 'graphql';
import { generatedHeader } from '../check.ts';

export const CODEGEN_COMMAND = 'pnpm codegen';

const pluginMap = { typescript: typescriptPlugin, 'typescript-resolvers': typescriptResolversPlugin };

// Type-only output: no runtime enums, `import type` (the repository uses verbatimModuleSyntax).
const COMMON_CONFIG = { useTypeImports: true, enumsAsTypes: true };

const withHeader = (source: string, about: string) => `${generatedHeader(CODEGEN_COMMAND, '//')}\n// ${about}\n\n${source}`;

/**
 * Resolver types for one subgraph, federation-aware: `__resolveReference` on entities, and only
 * the subgraph's own fields on types it shares. Built from the SDL as written, without the
 * federation machinery `buildSubgraphSchema` adds (`_entities`, `_service`), which no one resolves.
 */
export async function resolverTypes(subgraphSdl: DocumentNode, options: { contextType: string; mappers: Record<string, string>; scalars: object }) {
  const source = await codegen({
    filename: 'resolvers-types.ts',
    schema: subgraphSdl,
    schemaAst: buildASTSchema(subgraphSdl, { assumeValidSDL: true }),
    documents: [],
    plugins: [{ typescript: {} }, { 'typescript-resolvers': {} }],
    pluginMap,
    config: { ...COMMON_CONFIG, federation: true, contextType: options.contextType, mappers: options.mappers, scalars: options.scalars },
  });
  return withHeader(source, 'Resolver types of this subgraph, from its src/schema.graphql.');
}

/** TypeScript types of the whole API schema, for clients of the router. */
export async function clientTypes(apiSchema: GraphQLSchema, scalars: object) {
  const document = parse(printSchema(apiSchema));
  const source = await codegen({
    filename: 'api.generated.ts',
    schema: document,
    schemaAst: apiSchema,
    documents: [],
    plugins: [{ typescript: {} }],
    pluginMap,
    config: { ...COMMON_CONFIG, scalars },
  });
  return withHeader(source, "Types of caregraph's API schema (the router's), from supergraph.graphql.");
}
