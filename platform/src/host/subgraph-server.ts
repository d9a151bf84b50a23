import { ApolloServer } from '@apollo/server';
import { ApolloServerPluginInlineTraceDisabled } from '@apollo/server/plugin/disabled';
import { maskError } from '../errors.ts';
import { graphqlHandler } from '../http/graphql-handler.ts';
import { listen, type HttpService } from '../http/listen.ts';
import { requestIdOf } from '../http/request-id.ts';
import type { RequestInfo } from '../request.ts';
import type { Subgraph } from '../subgraph.ts';

/** Puts one subgraph behind HTTP (distributed mode). The router is its only intended caller. */
export async function serveSubgraph(
  subgraph: Subgraph,
  options: { port: number; host?: string; ready?: () => Promise<boolean> },
): Promise<HttpService & { apollo: ApolloServer<object> }> {
  const apollo = new ApolloServer<object>({
    schema: subgraph.schema,
    formatError: maskError,
    includeStacktraceInErrorResponses: false,
    introspection: process.env.NODE_ENV !== 'production',
    // Inline traces (ftv1) are for Apollo's hosted studio, which caregraph does not use.
    plugins: [ApolloServerPluginInlineTraceDisabled()],
  });
  await apollo.start();
  const http = await listen({
    port: options.port,
    ...(options.host ? { host: options.host } : {}),
    ...(options.ready ? { ready: options.ready } : {}),
    graphql: graphqlHandler(apollo, async (req, res) => {
      const request: RequestInfo = { requestId: requestIdOf(req), viewer: null };
      res.setHeader('x-request-id', request.requestId);
      return subgraph.createContext(request);
    }),
  });
  return {
    ...http,
    apollo,
    async close() {
      await http.close();
      await apollo.stop();
    },
  };
}
