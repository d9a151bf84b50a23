import { CaregraphError } from '@caregraph/schema-standards';
import { log } from '../log/logger.ts';
import type { RequestInfo } from '../request.ts';
import type { SubgraphTransport } from './transport.ts';

/**
 * Looks entities up in the domain that owns them, through federation's own `_entities` field,
 * so a domain never reads another's tables. Returns only the entities that exist.
 */
export function entityLookup<T extends object>(
  transport: SubgraphTransport,
  typename: string,
  selection: string,
  keyField = 'id',
  /** Variables the selection uses, by name, with their GraphQL types (e.g. `{ among: '[ID!]!' }`). */
  variableTypes: Record<string, string> = {},
): (ids: readonly string[], info: RequestInfo, variables?: Record<string, unknown>) => Promise<Map<string, T>> {
  const declared = Object.entries(variableTypes).map(([name, type]) => `, $${name}: ${type}`).join('');
  const query = `query EntityLookup($representations: [_Any!]!${declared}) { _entities(representations: $representations) { ... on ${typename} { ${selection} } } }`;
  return async (ids, info, variables = {}) => {
    if (ids.length === 0) return new Map();
    const representations = ids.map((id) => ({ __typename: typename, [keyField]: id }));
    let result;
    try {
      result = await transport.execute({ query, variables: { ...variables, representations } }, info);
    } catch (cause) {
      log.warn({ service: transport.name, detail: String(cause) }, 'lookup failed');
      throw new CaregraphError('SERVICE_UNAVAILABLE', `The ${transport.name} service is unavailable.`, { service: transport.name });
    }
    const entities = (result.data?._entities ?? []) as (T | null)[];
    if (result.errors?.length && entities.length === 0) {
      throw new CaregraphError('SERVICE_UNAVAILABLE', `The ${transport.name} service could not answer.`, { service: transport.name });
    }
    return new Map(entities.filter((e): e is T => e != null).map((entity) => [String((entity as Record<string, unknown>)[keyField]), entity]));
  };
}
