import { Kind, type FieldNode, type GraphQLField, type OperationDefinitionNode, type ValueNode } from 'graphql';
import { bucketCount, DEFAULT_PAGE_SIZE, isBucketName, MAX_SUMMARY_BUCKETS } from '@caregraph/schema-standards';

type Variables = Record<string, unknown>;

/**
 * How many items a list field's arguments ask for, or undefined when its arguments do not say:
 * - a page (`first` or `last`): the page size, literal or variable; the connection default when absent;
 * - a bucketed summary (`from`, `to`, `bucket`): the buckets the range yields, at most the per-field
 *   bound ({@link MAX_SUMMARY_BUCKETS}); a larger range is refused by the field itself (BAD_USER_INPUT
 *   naming `from`), and a range the estimate cannot read is charged the bound.
 */
export function listSizeOf(node: FieldNode, field: GraphQLField<unknown, unknown>, variables: Variables, operation: OperationDefinitionNode): number | undefined {
  const takes = (name: string) => field.args.some((arg) => arg.name === name);
  const given = (name: string) => {
    const argument = node.arguments?.find((arg) => arg.name.value === name);
    return argument ? valueOf(argument.value, variables, operation) : undefined;
  };
  if (takes('first') || takes('last')) {
    const value = given('first') ?? given('last');
    return typeof value === 'number' && Number.isFinite(value) ? Math.max(1, value) : DEFAULT_PAGE_SIZE;
  }
  if (takes('from') && takes('to') && takes('bucket')) {
    const bucket = given('bucket');
    const from = instant(given('from'));
    const to = instant(given('to'));
    if (!isBucketName(bucket) || from === undefined || to === undefined) return MAX_SUMMARY_BUCKETS;
    return Math.min(bucketCount(from, to, bucket), MAX_SUMMARY_BUCKETS);
  }
  return undefined;
}

function instant(value: unknown): number | undefined {
  if (typeof value !== 'string') return undefined;
  const ms = Date.parse(value);
  return Number.isNaN(ms) ? undefined : ms;
}

/** A literal, or a variable's value, or else its declared default. */
function valueOf(node: ValueNode, variables: Variables, operation: OperationDefinitionNode): unknown {
  switch (node.kind) {
    case Kind.INT:
    case Kind.FLOAT:
      return Number(node.value);
    case Kind.STRING:
    case Kind.ENUM:
      return node.value;
    case Kind.VARIABLE: {
      const name = node.name.value;
      if (variables[name] !== undefined) return variables[name];
      const fallback = operation.variableDefinitions?.find((definition) => definition.variable.name.value === name)?.defaultValue;
      return fallback ? valueOf(fallback, variables, operation) : undefined;
    }
    default:
      return undefined;
  }
}
