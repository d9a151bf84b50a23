import { isObjectType, type GraphQLSchema } from 'graphql';
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
    if (!isObjectType(existing)) continue;
    const present = existing.getFields();
    const applicable = Object.fromEntries(Object.entries(fields).filter(([field]) => field in present));
    merged[type] = { ...applicable, ...(merged[type] ?? {}) };
  }
  const guarded = applyMiddleware(
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
  unwrapAllowed(schema, guarded, merged);
  return guarded;
}

/**
 * Fields whose rule is `allow` get their own resolver back. The shield wraps every field in a
 * promise-returning check, and for the leaves of a large list (a 30-day chart is 721 buckets of
 * five numbers) a check that always passes was a good part of the request's CPU and garbage.
 */
function unwrapAllowed(original: GraphQLSchema, guarded: GraphQLSchema, rules: Record<string, Record<string, unknown>>): void {
  for (const [typeName, fields] of Object.entries(rules)) {
    const before = original.getType(typeName);
    const after = guarded.getType(typeName);
    if (!isObjectType(before) || !isObjectType(after)) continue;
    for (const [fieldName, rule] of Object.entries(fields)) {
      const field = after.getFields()[fieldName];
      if (rule === allow && field) field.resolve = before.getFields()[fieldName]?.resolve;
    }
  }
}
