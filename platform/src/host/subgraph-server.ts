import { ApolloServer, type ApolloServerPlugin } from '@apollo/server';
import { withheld } from '../federation/local-executor.ts';
import { ApolloServerPluginInlineTraceDisabled } from '@apollo/server/plugin/disabled';
import { maskError } from '../errors.ts';
import { graphqlHandler } from '../http/graphql-handler.ts';
import { listen, type HttpService } from '../http/listen.ts';
import { requestIdOf } from '../http/request-id.ts';
import { authenticate } from '../http/authenticate.ts';
import { HttpError } from '../http/http-error.ts';
import { ROUTER_PROOF_HEADER, type RouterProof } from '../identity/router-proof.ts';
import type { TokenVerifier } from '../identity/verifier.ts';
import type { Subgraph } from '../subgraph.ts';

export interface SubgraphServerOptions {
  port: number;
  host?: string;
  ready?: () => Promise<boolean>;
  /** Verifies the caller's token again: the subgraph trusts no one's word for who is asking. */
  verifier: TokenVerifier;
  /** Checks that the call comes from the router (or a peer subgraph), not from outside. */
  proof: RouterProof;
}

/**
 * Puts one subgraph behind HTTP (distributed mode). Every call, `_service` and `_entities`
 * included, needs the router's proof and a valid token; anything else gets 401 and no data.
 */
export async function serveSubgraph(subgraph: Subgraph, options: SubgraphServerOptions): Promise<HttpService & { apollo: ApolloServer<object> }> {
  const apollo = new ApolloServer<object>({
    schema: subgraph.schema,
    formatError: maskError,
    includeStacktraceInErrorResponses: false,
    hideSchemaDetailsFromClientErrors: true,
    introspection: process.env.NODE_ENV !== 'production',
    // Inline traces (ftv1) are for Apollo's hosted studio, which caregraph does not use.
    plugins: [ApolloServerPluginInlineTraceDisabled(), finishBeforeSending(subgraph)],
  });
  await apollo.start();
  const http = await listen({
    port: options.port,
    ...(options.host ? { host: options.host } : {}),
    ...(options.ready ? { ready: options.ready } : {}),
    graphql: graphqlHandler(apollo, async (req, res, body) => {
      const requestId = requestIdOf(req);
      res.setHeader('x-request-id', requestId);
      const operation = (typeof body === 'object' && body !== null ? body : {}) as { query?: unknown; variables?: unknown; operationName?: unknown };
      const proof = req.headers[ROUTER_PROOF_HEADER];
      if (req.method !== 'POST' || !options.proof.verify(typeof proof === 'string' ? proof : undefined, operation)) {
        throw new HttpError(401, 'UNAUTHENTICATED', 'This service answers only the caregraph router.');
      }
      const { viewer, token } = await authenticate(req, options.verifier);
      // The proof has been checked, so these came from the router: the original caller's.
      const header = (name: string) => (typeof req.headers[name] === 'string' ? (req.headers[name] as string) : null);
      const client = { address: header('x-forwarded-for'), userAgent: header('x-caregraph-client-agent') };
      return subgraph.createContext({ requestId, viewer, token, client });
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

/** The subgraph finishes each request (audit) before the answer leaves, or the answer is withheld. */
function finishBeforeSending(subgraph: Subgraph): ApolloServerPlugin<object> {
  return {
    async requestDidStart() {
      return {
        async willSendResponse({ contextValue, response }) {
          if (!subgraph.finish) return;
          try {
            await subgraph.finish(contextValue);
          } catch (error) {
            if (response.body.kind === 'single') response.body.singleResult = withheld(error) as never;
          }
        },
      };
    },
  };
}
