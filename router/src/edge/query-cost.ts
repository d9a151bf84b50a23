import {
  getNamedType,
  getNullableType,
  isCompositeType,
  isInterfaceType,
  isListType,
  isObjectType,
  Kind,
  type DocumentNode,
  type GraphQLCompositeType,
  type GraphQLSchema,
  type OperationDefinitionNode,
  type SelectionSetNode,
} from 'graphql';
import { listSizeOf } from './list-size.ts';

/** How many items a list that takes no page size is assumed to hold (a patient's devices, latest vitals). */
export const UNPAGED_LIST_SIZE = 10;

/** What the estimate did, for tests and metrics: how many selections it looked at. */
export interface CostWalk {
  visits: number;
}

/**
 * An estimate of the work an operation asks for, in fields fetched, known before it runs:
 * - every field costs 1 (`__typename` and introspection nothing);
 * - a field taking `first` or `last` has its page size (the argument, literal or variable; the
 *   connection default of 20 when absent); the lists directly inside it (`edges`, `nodes`) repeat
 *   their selection that many times, other fields inside it (`pageInfo`) once;
 * - a bucketed summary (`from`, `to`, `bucket`) repeats its selection once per bucket of the range
 *   (see `list-size.ts`);
 * - any other list of objects repeats its selection {@link UNPAGED_LIST_SIZE} times.
 * So cost multiplies through nesting: 100 patients with 100 observations each is over 50 000.
 *
 * The walk is linear in the document: a named fragment is costed once per type and page size it
 * is spread under, however often it is spread (nested spreads would otherwise be walked as often
 * as the product of their counts: 160 spreads over four levels is 655 million walks).
 */
export function operationCost(
  schema: GraphQLSchema,
  document: DocumentNode,
  operation: OperationDefinitionNode,
  variables: Record<string, unknown> = {},
  walk: CostWalk = { visits: 0 },
): number {
  const root = schema.getRootType(operation.operation);
  if (!root) return 0;
  const fragments = new Map(
    document.definitions.flatMap((definition) => (definition.kind === Kind.FRAGMENT_DEFINITION ? [[definition.name.value, definition] as const] : [])),
  );
  const fragmentCosts = new Map<string, number>();

  const selectionCost = (selectionSet: SelectionSetNode, parent: GraphQLCompositeType, pageSize: number | undefined): number => {
    let cost = 0;
    for (const selection of selectionSet.selections) {
      walk.visits += 1;
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
        const ownSize = listSizeOf(selection, field, variables, operation);
        const isList = isListType(getNullableType(field.type));
        // A list that says its own size (a summary's buckets) repeats by it; a list inside a page by the page's.
        const repeats = isList ? (ownSize !== undefined && !hasPageArguments(field) ? ownSize : (pageSize ?? UNPAGED_LIST_SIZE)) : 1;
        const inner = isList && !hasPageArguments(field) ? undefined : ownSize;
        cost += 1 + repeats * selectionCost(selection.selectionSet, type, inner);
      } else if (selection.kind === Kind.INLINE_FRAGMENT) {
        const condition = selection.typeCondition ? schema.getType(selection.typeCondition.name.value) : parent;
        cost += selectionCost(selection.selectionSet, isCompositeType(condition) ? condition : parent, pageSize);
      } else {
        // Validation has refused fragment cycles already, so this recursion ends.
        const fragment = fragments.get(selection.name.value);
        if (!fragment) continue;
        const condition = schema.getType(fragment.typeCondition.name.value);
        const type = isCompositeType(condition) ? condition : parent;
        const key = `${fragment.name.value}\u0000${type.name}\u0000${pageSize ?? ''}`;
        let fragmentCost = fragmentCosts.get(key);
        if (fragmentCost === undefined) {
          fragmentCost = selectionCost(fragment.selectionSet, type, pageSize);
          fragmentCosts.set(key, fragmentCost);
        }
        cost += fragmentCost;
      }
    }
    return cost;
  };

  return selectionCost(operation.selectionSet, root, undefined);
}

function hasPageArguments(field: { args: readonly { name: string }[] }): boolean {
  return field.args.some((arg) => arg.name === 'first' || arg.name === 'last');
}
