// A slim ESLint parser for graphql-eslint's schema rules. The plugin's own parser loads
// graphql-config, and with it URL, code-file and git loaders (about 2 s per process), and keeps the
// first schema it sees for the whole process; we lint SDL strings we already hold, each with its
// own schema. The ESTree conversion is the plugin's own (pinned version; see package.json).
import type { Linter } from 'eslint';
import { parse, Source, type GraphQLSchema } from 'graphql';
import { convertToESTree, extractComments, extractTokens } from '@graphql-eslint/eslint-plugin/estree-converter/index';

/** Rules that need documents (operations) are not used on SDL; they would find none. */
const NO_OPERATIONS = { available: false, getOperations: () => [], getFragments: () => [] };

/** A parser that gives graphql-eslint's rules `schema` as the schema of whatever it parses. */
export function graphqlSdlParser(schema: GraphQLSchema): Linter.Parser {
  return {
    meta: { name: 'caregraph/graphql-sdl-parser' },
    parseForESLint(code: string, options?: { filePath?: string }) {
      const filePath = options?.filePath ?? 'schema.graphql';
      const document = parse(new Source(code, filePath));
      const rootTree = convertToESTree(document, schema);
      return {
        services: { schema, siblingOperations: NO_OPERATIONS },
        ast: {
          comments: extractComments(document.loc),
          tokens: extractTokens(filePath, code),
          loc: rootTree.loc,
          range: rootTree.range,
          type: 'Program',
          sourceType: 'script',
          body: [rootTree],
        },
      } as never;
    },
  } as Linter.Parser;
}
