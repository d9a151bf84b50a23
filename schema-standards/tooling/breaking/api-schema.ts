import { Supergraph } from '@apollo/federation-internals';
import { lexicographicSortSchema, printSchema, type GraphQLSchema } from 'graphql';

/**
 * The API schema a client of the router sees: the supergraph without federation's machinery and
 * without anything `@inaccessible`. Sorted by default, so its printed form changes only when the API
 * does; unsorted, arguments keep the order their subgraph declares (`first` before `after`).
 */
export function apiSchemaOf(supergraphSdl: string, options = { sorted: true }): GraphQLSchema {
  const schema = Supergraph.build(supergraphSdl).apiSchema().toGraphQLJSSchema();
  return options.sorted ? lexicographicSortSchema(schema) : schema;
}

export const printApiSchema = (schema: GraphQLSchema) => `${printSchema(schema)}\n`;
