import type { ApolloServerPlugin, BaseContext } from '@apollo/server';
import {
  getNamedType,
  isInputObjectType,
  isListType,
  getNullableType,
  Kind,
  TypeInfo,
  typeFromAST,
  visit,
  visitWithTypeInfo,
  type DocumentNode,
  type GraphQLInputType,
  type GraphQLSchema,
  type OperationDefinitionNode,
} from 'graphql';
import { badUserInput, CaregraphError, parseDate, parseDateTime } from '@caregraph/schema-standards';

/** The standard's scalars whose values the router can check itself (the supergraph has them as opaque scalars). */
const PARSERS: Record<string, (value: unknown) => unknown> = { DateTime: parseDateTime, Date: parseDate };

function reasonOf(error: unknown): string {
  const message = error instanceof CaregraphError ? error.message : 'not a valid value';
  return message.replace(/^Invalid \w+: /, '');
}

function refuse(field: string, reason: string): CaregraphError {
  const error = badUserInput(field, reason);
  error.extensions['http'] = { status: 400 };
  return error;
}

/**
 * Dates and instants are checked at the edge, in literals and in variables: BAD_USER_INPUT naming
 * the argument (or input field) with HTTP 400, before any subgraph is asked. In the supergraph the
 * standard's scalars are opaque, so a year-0 date once reached a subgraph, and a literal's
 * rejection there named no argument at all.
 */
export function standardScalars<TContext extends BaseContext>(): ApolloServerPlugin<TContext> {
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ schema, document, operation, request }) {
          if (!operation) return;
          checkLiterals(schema, document, operation);
          checkVariables(schema, operation, request.variables ?? {});
        },
      };
    },
  };
}

function checkLiterals(schema: GraphQLSchema, document: DocumentNode, operation: OperationDefinitionNode): void {
  const typeInfo = new TypeInfo(schema);
  const path: string[] = [];
  const fragments = document.definitions.filter((definition) => definition.kind === Kind.FRAGMENT_DEFINITION);
  for (const root of [operation, ...fragments]) {
    visit(
      root,
      visitWithTypeInfo(typeInfo, {
        Argument: { enter: (node) => void path.push(node.name.value), leave: () => void path.pop() },
        ObjectField: { enter: (node) => void path.push(node.name.value), leave: () => void path.pop() },
        StringValue(node) {
          const type = typeInfo.getInputType();
          const parse = type ? PARSERS[getNamedType(type).name] : undefined;
          if (!parse) return;
          try {
            parse(node.value);
          } catch (error) {
            throw refuse(path.join('.'), reasonOf(error));
          }
        },
      }),
    );
  }
}

function checkVariables(schema: GraphQLSchema, operation: OperationDefinitionNode, variables: Record<string, unknown>): void {
  for (const definition of operation.variableDefinitions ?? []) {
    const type = typeFromAST(schema, definition.type) as GraphQLInputType | undefined;
    const name = definition.variable.name.value;
    if (type) checkValue(type, variables[name], name, new Set());
  }
}

function checkValue(type: GraphQLInputType, value: unknown, path: string, seen: Set<unknown>): void {
  if (value == null) return;
  const inner = getNullableType(type);
  if (isListType(inner)) {
    if (Array.isArray(value)) value.forEach((item, index) => checkValue(inner.ofType, item, `${path}[${index}]`, seen));
    else checkValue(inner.ofType, value, path, seen);
    return;
  }
  if (isInputObjectType(inner)) {
    if (typeof value !== 'object' || seen.has(value)) return;
    seen.add(value);
    const fields = inner.getFields();
    for (const [name, item] of Object.entries(value as Record<string, unknown>)) {
      const field = fields[name];
      if (field) checkValue(field.type, item, `${path}.${name}`, seen);
    }
    return;
  }
  const parse = PARSERS[getNamedType(inner).name];
  if (!parse) return;
  try {
    parse(value);
  } catch (error) {
    throw refuse(path, reasonOf(error));
  }
}
