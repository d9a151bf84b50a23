import { databaseState, isInProcess, type Database, type Readiness, type SupergraphConfig } from '@caregraph/platform';
import type { SubgraphResilience } from './subgraph-resilience.ts';

/**
 * The router's `/readyz`: the composition is loaded (the server listens only after it is), the
 * database of the in-process subgraphs answers, and each subgraph's circuit state.
 *
 * An open circuit is reported but does not make the router unready: every router replica sees
 * the same subgraph down, and taking them all out of rotation would turn one missing domain
 * (served as partial results) into a full outage.
 */
export function routerReadiness(options: { supergraph: SupergraphConfig; database: Database | null; resilience: SubgraphResilience }): () => Promise<Readiness> {
  return async () => {
    const database = options.database ? await databaseState(options.database) : 'none';
    const breakers = options.resilience.breakerStates();
    const subgraphs = Object.fromEntries(
      options.supergraph.subgraphs.map((entry) => [entry.name, isInProcess(entry) ? 'in-process' : (breakers[entry.name] ?? 'closed')]),
    );
    return { ready: database !== 'unreachable', checks: { composition: 'loaded', database, subgraphs } };
  };
}
