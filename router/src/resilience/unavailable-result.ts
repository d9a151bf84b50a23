import type { GraphQLDataSource } from '@apollo/gateway';
import { getOperationAST, Kind, type DocumentNode, type FragmentDefinitionNode, type SelectionSetNode } from 'graphql';
import type { SubgraphFailure } from './subgraph-failure.ts';

type GatewayResponse = Awaited<ReturnType<GraphQLDataSource['process']>>;
type Path = (string | number)[];

/**
 * What the router answers in place of a subgraph that could not: no data, and a
 * `SERVICE_UNAVAILABLE` error naming the service at the path of every field the fetch was to
 * resolve. The gateway maps `_entities` paths onto the entities' places in the response, so the
 * error sits on the fields that are null, and the rest of the response is served.
 */
export function unavailableResult(failure: SubgraphFailure, document: DocumentNode | undefined, variables: Record<string, unknown> | undefined): GatewayResponse {
  const operation = document && getOperationAST(document)?.operation === 'mutation' ? 'write' : 'read';
  const error = (path?: Path) => ({
    message: failure.messageFor(operation),
    ...(path ? { path } : {}),
    extensions: { code: 'SERVICE_UNAVAILABLE', service: failure.service },
  });
  const paths = document ? fieldPaths(document, variables) : [];
  return { errors: paths.length > 0 ? paths.map(error) : [error()] } as GatewayResponse;
}

/** Response paths of the fields a subgraph fetch selects: root fields, or each entity's fields. */
export function fieldPaths(document: DocumentNode, variables: Record<string, unknown> | undefined): Path[] {
  const operation = getOperationAST(document);
  if (!operation) return [];
  const fragments = new Map(
    document.definitions.filter((d): d is FragmentDefinitionNode => d.kind === Kind.FRAGMENT_DEFINITION).map((d) => [d.name.value, d]),
  );
  const paths: Path[] = [];
  for (const root of responseFields(operation.selectionSet, null, fragments)) {
    if (root.name !== '_entities') {
      paths.push([root.key]);
      continue;
    }
    const representations = Array.isArray(variables?.representations) ? (variables.representations as { __typename?: unknown }[]) : [];
    representations.forEach((representation, index) => {
      const typename = typeof representation?.__typename === 'string' ? representation.__typename : null;
      for (const field of responseFields(root.selectionSet, typename, fragments)) paths.push(['_entities', index, field.key]);
    });
  }
  return paths;
}

interface ResponseField {
  key: string;
  name: string;
  selectionSet: SelectionSetNode | undefined;
}

/** The fields a selection set puts in the response for an object of `typename` (any type when null). */
function responseFields(selectionSet: SelectionSetNode | undefined, typename: string | null, fragments: Map<string, FragmentDefinitionNode>): ResponseField[] {
  const fields = new Map<string, ResponseField>();
  const visit = (set: SelectionSetNode | undefined) => {
    for (const selection of set?.selections ?? []) {
      if (selection.kind === Kind.FIELD) {
        if (selection.name.value === '__typename') continue;
        const key = selection.alias?.value ?? selection.name.value;
        if (!fields.has(key)) fields.set(key, { key, name: selection.name.value, selectionSet: selection.selectionSet });
      } else {
        const fragment = selection.kind === Kind.INLINE_FRAGMENT ? selection : fragments.get(selection.name.value);
        const condition = fragment?.typeCondition?.name.value;
        if (fragment && (!condition || typename === null || condition === typename)) visit(fragment.selectionSet);
      }
    }
  };
  visit(selectionSet);
  return [...fields.values()];
}
