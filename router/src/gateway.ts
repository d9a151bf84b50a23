import { readFileSync } from 'node:fs';
import { ApolloGateway, type GraphQLDataSource } from '@apollo/gateway';
import { ApolloServer, type ApolloServerPlugin } from '@apollo/server';
import { DEFAULT_RESILIENCE, isInProcess, maskError, withheld, type RouterProof, type Subgraph, type SupergraphConfig } from '@caregraph/platform';
import type { AccessLog } from './access-log.ts';
import type { RouterContext } from './context.ts';
import { defaultEdgeApolloOptions, type EdgeApolloOptions } from './edge/apollo-options.ts';
import { notFoundCount, ProbeWatch } from './edge/probe-watch.ts';
import { requestMetrics } from './request-metrics.ts';
import { requireVerifiedCaller } from './verified-caller.ts';
import { observeBreakers } from './subgraph-metrics.ts';
import { InProcessDataSource } from './datasources/in-process.ts';
import { RemoteDataSource } from './datasources/remote.ts';
import { SubgraphResilience } from './resilience/index.ts';

export interface RouterOptions {
  supergraph: SupergraphConfig;
  /** Subgraphs built in this process, for the `inproc://` entries of the config. */
  inProcess: ReadonlyMap<string, Subgraph>;
  /** Signs calls to subgraphs over HTTP. */
  proof: RouterProof;
  /** Records what each request read or was refused, before its answer leaves. */
  accessLog: AccessLog;
  /** Timeouts, retries and circuit breakers for subgraphs over HTTP; default: the documented defaults. */
  resilience?: SubgraphResilience;
  /** The edge protections of the GraphQL layer (`edge/apollo-options.ts`); default: the documented defaults. */
  edge?: EdgeApolloOptions;
  /** Counts NOT_FOUND answers per principal and reports probing; default: 20 a minute. */
  probes?: ProbeWatch;
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
  const resilience = options.resilience ?? new SubgraphResilience(DEFAULT_RESILIENCE);
  observeBreakers(() => resilience.breakerStates());
  const edge = options.edge ?? defaultEdgeApolloOptions();
  const gateway = new ApolloGateway({
    // Spans carry the operation name and type, never the document (its literals may be PHI).
    telemetry: { includeDocument: false, recordExceptions: false },
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
      return new RemoteDataSource({ name, url: entry?.routingUrl ?? url ?? '', proof: options.proof, resilience });
    },
  });
  return new ApolloServer<RouterContext>({
    gateway,
    formatError: maskError,
    includeStacktraceInErrorResponses: false,
    // runMain owns shutdown. Apollo's own SIGTERM handler stops only this server and re-raises the
    // signal, which ended a launcher before it had stopped its subgraph processes (left running).
    stopOnTerminationSignals: false,
    // No "Did you mean …?": suggestions reveal the schema to callers who may not introspect it.
    hideSchemaDetailsFromClientErrors: true,
    // Limits, trusted documents, APQ, CSRF prevention, no batching; introspection only in development.
    ...edge,
    // The caller check first: no other plugin sees an operation nobody verified.
    plugins: [requireVerifiedCaller(), requestMetrics(), resilience.plugin(), recordAccessBeforeSending(inProcessSources, options.accessLog, options.probes ?? new ProbeWatch({ threshold: 20, windowMs: 60_000 })), ...edge.plugins],
  });
}

/**
 * Before the answer leaves, the request's trail is complete: each in-process subgraph writes what
 * it read or refused across the request's fetches to its own trail (subgraphs over HTTP wrote
 * theirs before answering), and the router records only what only it sees (probing). If any of
 * it fails, the answer is withheld (fail closed).
 */
function recordAccessBeforeSending(sources: InProcessDataSource[], accessLog: AccessLog, probes: ProbeWatch): ApolloServerPlugin<RouterContext> {
  return {
    async requestDidStart() {
      return {
        async willSendResponse({ contextValue, response }) {
          const errors = response.body.kind === 'single' ? (response.body.singleResult.errors ?? []) : [];
          const probing = await probes.observe(contextValue.request.viewer, notFoundCount(errors));
          const finished = await Promise.allSettled([
            ...sources.map((source) => source.finish(contextValue)),
            accessLog.record(contextValue.request, probing ? [probing] : []),
          ]);
          const failed = finished.find((outcome) => outcome.status === 'rejected');
          if (failed && response.body.kind === 'single') response.body.singleResult = withheld(failed.reason) as never;
        },
      };
    },
  };
}
