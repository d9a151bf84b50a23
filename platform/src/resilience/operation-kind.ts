import { getOperationAST, parse, type DocumentNode, type OperationTypeNode } from 'graphql';

const kinds = new Map<string, OperationTypeNode | null>();
/** Distinct operations a service sends are few (fetches of query plans, entity lookups): cache them. */
const MAX_REMEMBERED = 1_000;

/** Whether an operation is a query, mutation or subscription; null when it cannot be told. */
export function operationKind(query: string | DocumentNode, operationName?: string | null): OperationTypeNode | null {
  if (typeof query !== 'string') return getOperationAST(query, operationName ?? undefined)?.operation ?? null;
  const key = `${operationName ?? ''}\n${query}`;
  let kind = kinds.get(key);
  if (kind === undefined) {
    try {
      kind = getOperationAST(parse(query), operationName ?? undefined)?.operation ?? null;
    } catch {
      kind = null;
    }
    if (kinds.size >= MAX_REMEMBERED) kinds.clear();
    kinds.set(key, kind);
  }
  return kind;
}

/** Only a query may be sent twice: a mutation whose answer was lost may have been applied. */
export function isRetryableOperation(query: string | DocumentNode, operationName?: string | null): boolean {
  return operationKind(query, operationName) === 'query';
}
