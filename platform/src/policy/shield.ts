import type { GraphQLSchema } from 'graphql';
import { applyMiddleware } from 'graphql-middleware';
import { allow, deny, shield, type IRules } from 'graphql-shield';
import { CaregraphError } from '@caregraph/schema-standards';

/** What every subgraph must allow for federation itself to work; no data is reached through these alone. */
const FEDERATION_RULES = {
  Query: { _service: allow, _entities: allow },
  _Service: { sdl: allow },
};

/**
 * Applies field-level permissions with deny as the fallback: a field nobody wrote a rule for is
 * refused. External errors pass (allowExternalErrors), so NOT_FOUND and BAD_USER_INPUT from
 * resolvers reach the caller instead of becoming "Not Authorised!"; a denied field is FORBIDDEN.
 */
export function withPermissions(schema: GraphQLSchema, permissions: Record<string, Record<string, unknown>>): GraphQLSchema {
  const merged: Record<string, Record<string, unknown>> = { ...permissions };
  for (const [type, fields] of Object.entries(FEDERATION_RULES)) {
    const existing = schema.getType(type);
    const present = existing && 'getFields' in existing ? existing.getFields() : {};
    const applicable = Object.fromEntries(Object.entries(fields).filter(([field]) => field in present));
    merged[type] = { ...applicable, ...(merged[type] ?? {}) };
  }
  return applyMiddleware(
    schema,
    shield(merged as IRules, {
      fallbackRule: deny,
      allowExternalErrors: true,
      fallbackError: (_thrown, _parent, _args, context, info) => {
        // Every denied attempt is part of the audit trail (recorded when the request finishes).
        (context as { audit?: { denied(type: string, fields: string[]): void } } | undefined)?.audit?.denied(info.parentType.name, [info.fieldName]);
        return new CaregraphError('FORBIDDEN', 'Not permitted for this caller.');
      },
    }),
  );
}
