import { readFileSync } from 'node:fs';
import { ApolloGateway, type GraphQLDataSource } from '@apollo/gateway';
import { ApolloServer, type ApolloServerPlugin } from '@apollo/server';
import { isInProcess, maskError, withheld, type RouterProof, type Subgraph, type SupergraphConfig } from '@caregraph/platform';
import type { RouterContext } from './context.ts';
import { InProcessDataSource } from './datasources/in-process.ts';
import { RemoteDataSource } from './datasources/remote.ts';

export interface RouterOptions {
  supergraph: SupergraphConfig;
  /** Subgraphs built in this process, for the `inproc://` entries of the config. */
  inProcess: ReadonlyMap<string, Subgraph>;
  /** Signs calls to subgraphs over HTTP. */
  proof: RouterProof;
}

/**
 * The federation router: the committed supergraph SDL (from `pnpm compose`) plus, per subgraph,
 * a data source chosen by its routing URL: in memory for `inproc://`, HTTP otherwise.
 */
export function createRouter(options: RouterOptions): ApolloServer<RouterContext> {
  // @apollo/gateway otherwise exports usage metrics to Apollo and probes cloud metadata endpoints
  // for resource attributes. A platform holding PHI sends nothing to third parties.
  process.env.APOLLO_TELEMETRY_DISABLED = 'true';
  const entries = new Map(options.supergraph.subgraphs.map((entry) => [entry.name, entry]));
  const inProcessSources: InProcessDataSource[] = [];
  const gateway = new ApolloGateway({
    supergraphSdl: readFileSync(options.supergraph.supergraphSdlPath, 'utf8'),
    buildService({ name, url }): GraphQLDataSource<RouterContext> {
      const entry = entries.get(name);
      if (entry && isInProcess(entry)) {
        const subgraph = options.inProcess.get(name);
        if (!subgraph) throw new Error(`subgraph ${name} is configured in-process but was not built`);
        const source = new InProcessDataSource(subgraph);
        inProcessSources.push(source);
        return source;
      }
      return new RemoteDataSource({ url: entry?.routingUrl ?? url ?? '', proof: options.proof });
    },
  });
  return new ApolloServer<RouterContext>({
    gateway,
    formatError: maskError,
    includeStacktraceInErrorResponses: false,
    // No "Did you mean …?": suggestions reveal the schema to callers who may not introspect it.
    hideSchemaDetailsFromClientErrors: true,
    introspection: process.env.NODE_ENV !== 'production',
    plugins: [finishInProcessSubgraphs(inProcessSources)],
  });
}

/** Before the response leaves: every in-process subgraph finishes the request (audit), or nothing leaves. */
function finishInProcessSubgraphs(sources: InProcessDataSource[]): ApolloServerPlugin<RouterContext> {
  return {
    async requestDidStart() {
      return {
        async willSendResponse({ contextValue, response }) {
          try {
            await Promise.all(sources.map((source) => source.finishRequest(contextValue)));
          } catch (error) {
            if (response.body.kind === 'single') response.body.singleResult = withheld(error) as never;
          }
        },
      };
    },
  };
}
