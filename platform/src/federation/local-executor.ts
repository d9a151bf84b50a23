import { log } from '../log/logger.ts';
import {
  execute,
  parse,
  validate,
  type DocumentNode,
  type ExecutionResult,
  type GraphQLFormattedError,
  type GraphQLSchema,
} from 'graphql';
import { maskError } from '../errors.ts';

export interface GraphQLRequestBody {
  query: string;
  variables?: Record<string, unknown> | undefined;
  operationName?: string | undefined;
}

export interface FormattedResult {
  data?: Record<string, unknown> | null;
  errors?: GraphQLFormattedError[];
}

/** Bound on cached documents: the router sends a small, fixed set of fetch shapes per operation. */
const MAX_CACHED_DOCUMENTS = 1_000;

/**
 * Executes operations against a schema in memory. The router's query planner sends the same fetch
 * documents again and again, so each is parsed and validated once and then only executed: that
 * parse + validate is most of the stock LocalGraphQLDataSource's cost.
 */
export class LocalExecutor {
  private readonly documents = new Map<string, DocumentNode | readonly GraphQLFormattedError[]>();

  constructor(private readonly schema: GraphQLSchema) {}

  /** How many distinct documents are parsed and validated (for tests and diagnostics). */
  get cachedDocuments(): number {
    return this.documents.size;
  }

  async execute(request: GraphQLRequestBody, contextValue: object, finish?: (context: object) => Promise<void>): Promise<FormattedResult> {
    const document = this.document(request.query);
    if (!('kind' in document)) return { errors: [...document] };
    const result: ExecutionResult = await execute({
      schema: this.schema,
      document,
      variableValues: request.variables,
      operationName: request.operationName,
      contextValue,
    });
    if (finish) {
      try {
        await finish(contextValue);
      } catch (error) {
        return withheld(error);
      }
    }
    return format(result);
  }

  private document(query: string): DocumentNode | readonly GraphQLFormattedError[] {
    const cached = this.documents.get(query);
    if (cached) return cached;
    let entry: DocumentNode | readonly GraphQLFormattedError[];
    try {
      const document = parse(query);
      const errors = validate(this.schema, document);
      entry = errors.length > 0 ? errors.map((e) => e.toJSON()) : document;
    } catch (error) {
      entry = [{ message: error instanceof Error ? error.message : 'Syntax error', extensions: { code: 'GRAPHQL_PARSE_FAILED' } }];
    }
    if (this.documents.size >= MAX_CACHED_DOCUMENTS) this.documents.delete(this.documents.keys().next().value!);
    this.documents.set(query, entry);
    return entry;
  }
}

function format(result: ExecutionResult): FormattedResult {
  const formatted: FormattedResult = { data: (result.data as Record<string, unknown> | null | undefined) ?? null };
  if (result.errors?.length) formatted.errors = result.errors.map((error) => maskError(error.toJSON(), error));
  return formatted;
}

/** Fail closed: when the audit trail cannot be written, the answer does not leave. */
export function withheld(error: unknown): FormattedResult {
  log.error({ detail: error instanceof Error ? error.message : String(error) }, 'response withheld: the audit trail could not be written');
  return { data: null, errors: [{ message: 'Internal server error', extensions: { code: 'INTERNAL' } }] };
}
