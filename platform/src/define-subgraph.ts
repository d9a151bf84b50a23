import { readFileSync } from 'node:fs';
import { buildSubgraphSchema } from '@apollo/subgraph';
import type { GraphQLResolverMap } from '@apollo/subgraph/dist/schema-helper/resolverMap.js';
import { parse } from 'graphql';
import { refuseControlCharacters } from '@caregraph/schema-standards';
import type { AuditRecorder } from './audit/recorder.ts';
import { withPermissions } from './policy/shield.ts';
import type { RequestInfo } from './request.ts';
import type { Subgraph } from './subgraph.ts';

export interface SubgraphDefinition<TContext extends object> {
  name: string;
  /** The subgraph's `schema.graphql`, its source of truth. */
  sdl: URL;
  resolvers: object;
  /** graphql-shield rules by type and field; anything not listed is denied. */
  permissions: Record<string, Record<string, unknown>>;
  createContext(request: RequestInfo): TContext;
  /** The request's audit recorder in a context (see Subgraph.audit). */
  audit?(context: TContext): AuditRecorder;
}

/** Builds a {@link Subgraph} from its SDL file and resolvers: the one place federation is wired in. */
export function defineSubgraph<TContext extends object>(definition: SubgraphDefinition<TContext>): Subgraph<TContext> {
  // Text arguments are checked inside the permission checks: a refused field stays FORBIDDEN (and audited).
  const schema = withPermissions(
    refuseControlCharacters(
      buildSubgraphSchema({
        typeDefs: parse(readFileSync(definition.sdl, 'utf8')),
        resolvers: definition.resolvers as GraphQLResolverMap<unknown>,
      }),
    ),
    definition.permissions,
  );
  return {
    name: definition.name,
    schema,
    createContext: definition.createContext,
    ...(definition.audit ? { audit: definition.audit } : {}),
  };
}
