import {
  getNamedType,
  getNullableType,
  isCompositeType,
  isListType,
  isObjectType,
  isInterfaceType,
  Kind,
  type DocumentNode,
  type FieldNode,
  type GraphQLCompositeType,
  type GraphQLField,
  type GraphQLSchema,
  type OperationDefinitionNode,
  type SelectionSetNode,
  type ValueNode,
} from 'graphql';
import { DEFAULT_PAGE_SIZE } from '@caregraph/schema-standards';

/** How many items a list that takes no page size is assumed to hold (a patient's devices, latest vitals). */
export const UNPAGED_LIST_SIZE = 10;

/**
 * An estimate of the work an operation asks for, in fields fetched, known before it runs:
 * - every field costs 1 (`__typename` and introspection nothing);
 * - a field taking `first` or `last` has its page size (the argument, literal or variable; the
 *   connection default of 20 when absent); the lists directly inside it (`edges`, `nodes`) repeat
 *   their selection that many times, other fields inside it (`pageInfo`) once;
 * - any other list of objects repeats its selection {@link UNPAGED_LIST_SIZE} times.
 * So cost multiplies through nesting: 100 patients with 100 observations each is over 50 000.
 */
export function operationCost(
  schema: GraphQLSchema,
  document: DocumentNode,
  operation: OperationDefinitionNode,
  variables: Record<string, unknown> = {},
): number {
  const root = schema.getRootType(operation.operation);
  if (!root) return 0;
  const fragments = new Map(
    document.definitions.flatMap((definition) => (definition.kind === Kind.FRAGMENT_DEFINITION ? [[definition.name.value, definition] as const] : [])),
  );

  const pageSizeOf = (node: FieldNode, field: GraphQLField<unknown, unknown>): number | undefined => {
    const argument = node.arguments?.find((arg) => arg.name.value === 'first' || arg.name.value === 'last');
    if (!argument) return field.args.some((arg) => arg.name === 'first' || arg.name === 'last') ? DEFAULT_PAGE_SIZE : undefined;
    const value = valueOf(argument.value, variables, operation);
    return typeof value === 'number' && Number.isFinite(value) ? Math.max(1, value) : DEFAULT_PAGE_SIZE;
  };

  const selectionCost = (selectionSet: SelectionSetNode, parent: GraphQLCompositeType, pageSize: number | undefined): number => {
    let cost = 0;
    for (const selection of selectionSet.selections) {
      if (selection.kind === Kind.FIELD) {
        if (selection.name.value.startsWith('__')) continue;
        const field = isObjectType(parent) || isInterfaceType(parent) ? parent.getFields()[selection.name.value] : undefined;
        if (!field || !selection.selectionSet) {
          cost += 1;
          continue;
        }
        const type = getNamedType(field.type);
        if (!isCompositeType(type)) {
          cost += 1;
          continue;
        }
        const ownPageSize = pageSizeOf(selection, field);
        const repeats = isListType(getNullableType(field.type)) ? (pageSize ?? UNPAGED_LIST_SIZE) : 1;
        cost += 1 + repeats * selectionCost(selection.selectionSet, type, ownPageSize);
      } else if (selection.kind === Kind.INLINE_FRAGMENT) {
        const condition = selection.typeCondition ? schema.getType(selection.typeCondition.name.value) : parent;
        cost += selectionCost(selection.selectionSet, isCompositeType(condition) ? condition : parent, pageSize);
      } else {
        // Validation has refused fragment cycles already, so this recursion ends.
        const fragment = fragments.get(selection.name.value);
        const condition = fragment && schema.getType(fragment.typeCondition.name.value);
        if (fragment) cost += selectionCost(fragment.selectionSet, isCompositeType(condition) ? condition : parent, pageSize);
      }
    }
    return cost;
  };

  return selectionCost(operation.selectionSet, root, undefined);
}

/** A literal, or a variable's value, or else its declared default. */
function valueOf(node: ValueNode, variables: Record<string, unknown>, operation: OperationDefinitionNode): unknown {
  if (node.kind === Kind.INT || node.kind === Kind.FLOAT) return Number(node.value);
  if (node.kind !== Kind.VARIABLE) return undefined;
  const name = node.name.value;
  if (variables[name] !== undefined) return variables[name];
  const fallback = operation.variableDefinitions?.find((definition) => definition.variable.name.value === name)?.defaultValue;
  return fallback ? valueOf(fallback, variables, operation) : undefined;
}
