import { Supergraph } from '@apollo/federation-internals';
import { lexicographicSortSchema, printSchema, type GraphQLSchema } from 'graphql';

/**
 * The API schema a client of the router sees: the supergraph without federation's machinery and
 * without anything `@inaccessible`. Sorted, so its printed form changes only when the API does.
 */
export function apiSchemaOf(supergraphSdl: string): GraphQLSchema {
  return lexicographicSortSchema(Supergraph.build(supergraphSdl).apiSchema().toGraphQLJSSchema());
}

export const printApiSchema = (schema: GraphQLSchema) => `${printSchema(schema)}\n`;
