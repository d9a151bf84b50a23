/** One GraphQL error as the router answers it. */
export interface GraphError {
  message: string;
  path?: readonly (string | number)[];
  extensions?: { code?: unknown };
}

export interface GraphAnswer<Data> {
  data?: Data | null;
  errors?: readonly GraphError[];
}

/**
 * Runs a GraphQL operation through the router as the FHIR request's caller: the same token, the
 * same access rules, limits and audit trail as a GraphQL request (the router is the only door).
 */
export type GraphExecutor = <Data>(query: string, variables: Record<string, unknown>) => Promise<GraphAnswer<Data>>;

/** The codes of the errors at `path` or under it. */
export function codesAt(answer: GraphAnswer<unknown>, path: readonly (string | number)[]): string[] {
  return (answer.errors ?? [])
    .filter((error) => error.path && path.every((segment, index) => error.path![index] === segment))
    .map((error) => String(error.extensions?.code ?? 'INTERNAL'));
}

/** The fields directly under `path` the caller may not see (null with FORBIDDEN). */
export function withheldUnder(answer: GraphAnswer<unknown>, path: readonly (string | number)[]): string[] {
  return (answer.errors ?? [])
    .filter((error) => error.extensions?.code === 'FORBIDDEN' && error.path?.length === path.length + 1 && path.every((s, i) => error.path![i] === s))
    .map((error) => String(error.path![path.length]));
}
