import { ApolloServer, type ApolloServerPlugin } from '@apollo/server';
import { withheld } from '../federation/local-executor.ts';
import { ApolloServerPluginInlineTraceDisabled, ApolloServerPluginLandingPageDisabled } from '@apollo/server/plugin/disabled';
import { maskError } from '../errors.ts';
import { graphqlHandler } from '../http/graphql-handler.ts';
import { listen, type ConnectionTimeouts, type HttpService, type TlsFiles } from '../http/listen.ts';
import {
  adoptRequestId,
  CLIENT_ADDRESS_HEADER,
  CLIENT_AGENT_HEADER,
  CLIENT_REQUEST_ID_HEADER,
  clientRequestIdOf,
  isWellFormedRequestId,
  REQUEST_ID_HEADER,
  requestIdOf,
} from '../http/request-id.ts';
import { authenticate, AuthenticationRefused, bearerToken } from '../http/authenticate.ts';
import type { Viewer } from '../request.ts';
import { HttpError } from '../http/http-error.ts';
import { certificateKind } from '../identity/client-certificate.ts';
import { provenHeaders, ROUTER_PROOF_HEADER, type ProofKind, type RouterProof, type SignedCall } from '../identity/router-proof.ts';
import type { TokenVerifier } from '../identity/verifier.ts';
import { finishRequest, type Subgraph } from '../subgraph.ts';
import type { Readiness } from '../resilience/readiness.ts';
import { DoorRefusals, type DoorRefusalOptions } from './door-refusals.ts';
import { cachePolicyHeader } from '../resilience/cache-policy-header.ts';
import { auditTrailEndpoint } from './audit-trail-endpoint.ts';
import { InternalOperations } from './internal-operations.ts';
import { AUDIT_TRAIL_CALL, AUDIT_TRAIL_PATH } from '../audit/trail-wire.ts';
import type { TrailPage, TrailPageRequest } from '../audit/trail-page.ts';
import type { IncomingMessage, ServerResponse } from 'node:http';

export interface SubgraphServerOptions {
  port: number;
  /** Bind address; default loopback (see listen). */
  host?: string;
  /** Idle keep-alive and headers timeouts; default listen's. */
  timeouts?: ConnectionTimeouts;
  /** Introspection (config `edge.developmentTools`); default off with `NODE_ENV=production`. */
  introspection?: boolean;
  /** Serve HTTPS with these PEM files. */
  tls?: TlsFiles | undefined;
  /** Behind `/readyz`: named checks, or a bare yes/no. */
  ready?: () => Promise<boolean | Readiness>;
  /** Verifies the caller's token again: the subgraph trusts no one's word for who is asking. */
  verifier: TokenVerifier;
  /** Checks that the call comes from the router (or a peer subgraph), not from outside. */
  proof: RouterProof;
  /** The rate limit and aggregation of refused calls (see DoorRefusals); default 60 per address a minute. */
  refusals?: DoorRefusalOptions;
  /** This service's database's audit trail, served to the audit domain at `/audit-trail` (see TrailReader). */
  trail?: (request: TrailPageRequest) => Promise<TrailPage>;
}

/**
 * Puts one subgraph behind HTTP (distributed mode). Every call, `_service` and `_entities`
 * included, needs the router's proof and a valid token (a service call: the proof and no token);
 * anything else gets 401 and no data.
 */
export async function serveSubgraph(subgraph: Subgraph, options: SubgraphServerOptions): Promise<HttpService & { apollo: ApolloServer<object> }> {
  const refusals = new DoorRefusals(subgraph, options.refusals);
  const internal = new InternalOperations(subgraph.schema);
  const apollo = new ApolloServer<object>({
    schema: subgraph.schema,
    formatError: maskError,
    includeStacktraceInErrorResponses: false,
    hideSchemaDetailsFromClientErrors: true,
    // runMain owns shutdown. Apollo's own SIGTERM handler stops only this server and re-raises the
    // signal, which ended a launcher before it had stopped its subgraph processes (left running).
    stopOnTerminationSignals: false,
    introspection: options.introspection ?? process.env.NODE_ENV !== 'production',
    // Inline traces (ftv1) are for Apollo's hosted studio, which caregraph does not use.
    // No landing page: Apollo serves it before any context (so before the proof check), and only
    // the router talks to a subgraph.
    plugins: [ApolloServerPluginInlineTraceDisabled(), ApolloServerPluginLandingPageDisabled(), finishBeforeSending(subgraph), cachePolicyHeader()],
  });
  await apollo.start();
  /** Who is knocking, for the audit trail of a refusal: the socket's peer (headers are not trusted before the door) and its user agent. */
  const knocking = (req: IncomingMessage, requestId: string) => ({
    requestId,
    clientRequestId: clientRequestIdOf(req),
    viewer: null,
    token: null,
    client: { address: req.socket.remoteAddress ?? null, userAgent: req.headers['user-agent']?.slice(0, 256) ?? null },
  });
  /**
   * Who is calling, by the one mechanism this service is set up for: with `TLS_CLIENT_CA_FILE`,
   * the verified client certificate (mutual TLS) and nothing else; otherwise a shared credential
   * (what any router sends from configuration) or caregraph's own proof, bound to `signed`.
   */
  const mutualTls = Boolean(options.tls?.clientCaFile);
  const callKind = (req: IncomingMessage, signed: SignedCall): ProofKind | null => {
    const withToken = req.headers.authorization !== undefined;
    if (mutualTls) return certificateKind(req, withToken);
    return options.proof.verifyCredential((name) => headerOf(req, name), withToken) ?? options.proof.verifyOnce(headerOf(req, ROUTER_PROOF_HEADER) ?? undefined, signed);
  };
  const routes: Record<string, (req: IncomingMessage, res: ServerResponse) => Promise<void>> = options.trail
    ? {
        [AUDIT_TRAIL_PATH]: auditTrailEndpoint({
          read: options.trail,
          // A service call (no caller), proven for exactly this page request.
          isPlatformCall: (req, body) =>
            req.headers.authorization === undefined &&
            callKind(req, { query: AUDIT_TRAIL_CALL, variables: body ?? null, token: null, headers: provenHeaders((name) => headerOf(req, name)) }) === 'service',
          refuse: (req) => refusals.refuse(knocking(req, requestIdOf(req)), 'UNAUTHENTICATED'),
        }),
      }
    : {};
  const http = await listen({
    routes,
    port: options.port,
    ...(options.host ? { host: options.host } : {}),
    ...(options.timeouts ? { timeouts: options.timeouts } : {}),
    tls: options.tls,
    ...(options.ready ? { ready: options.ready } : {}),
    graphql: graphqlHandler(apollo, async (req, res, body) => {
      let requestId = requestIdOf(req);
      res.setHeader('x-request-id', requestId);
      const operation = (typeof body === 'object' && body !== null ? body : {}) as { query?: unknown; variables?: unknown; operationName?: unknown };
      // Bound to the token the call carries, and accepted once: a captured proof replays for nothing.
      const header = (name: string) => headerOf(req, name);
      const signed = { ...operation, token: bearerToken(req), headers: provenHeaders(header) };
      // A client certificate, a shared credential or caregraph's own proof (see callKind).
      const kind = req.method === 'POST' ? callKind(req, signed) : null;
      const caller = knocking(req, requestId);
      if (!kind || (kind === 'service' && req.headers.authorization !== undefined)) {
        await refusals.refuse(caller, 'UNAUTHENTICATED');
        throw new HttpError(401, 'UNAUTHENTICATED', 'This service answers only the caregraph router.');
      }
      // Internal (@inaccessible) operations are the platform's own: a router's credential runs only
      // what its API schema holds, whatever a caller with the router's secret writes by hand.
      if (kind === 'router' && internal.touches(typeof operation.query === 'string' ? operation.query : '')) {
        await refusals.refuse(caller, 'FORBIDDEN');
        throw new HttpError(403, 'FORBIDDEN', 'Internal operations are for the platform’s own services.');
      }
      // The call is trusted (credential or proof), so these came from the router: the original
      // caller's address and agent, and the router's own request id (and the caller's, kept beside
      // it), so this service's events of the request carry the same id as the router's.
      // Bounded as the audit domain bounds them: a trusted router still forwards what callers sent.
      const client = { address: header(CLIENT_ADDRESS_HEADER)?.slice(0, 256) ?? null, userAgent: header(CLIENT_AGENT_HEADER)?.slice(0, 256) ?? null };
      const routed = header(REQUEST_ID_HEADER);
      if (isWellFormedRequestId(routed)) {
        requestId = routed;
        adoptRequestId(req, routed);
        res.setHeader('x-request-id', routed);
      }
      const forwardedClientId = header(CLIENT_REQUEST_ID_HEADER);
      const clientRequestId = isWellFormedRequestId(forwardedClientId) ? forwardedClientId : null;
      // A service call is the platform's own (no caller: every public field is refused to it);
      // any other call is made for a caller, whose token is verified here again. Behind a router
      // that does not check tokens itself, this is where a caller's sign-in is refused: recorded
      // like the router's refusals, once per request, with the caller's circumstances.
      let authenticated: { viewer: Viewer | null; token: string | null } = { viewer: null, token: null };
      if (kind !== 'service') {
        try {
          authenticated = await authenticate(req, options.verifier);
        } catch (error) {
          if (error instanceof AuthenticationRefused) await refusals.refuseRouted({ requestId, clientRequestId, viewer: error.viewer, token: null, client }, error.code);
          throw error;
        }
      }
      const { viewer, token } = authenticated;
      return subgraph.createContext({ requestId, clientRequestId, viewer, token, client });
    }),
  });
  return {
    ...http,
    apollo,
    async close() {
      await http.close();
      await apollo.stop();
      await refusals.close();
    },
  };
}

/**
 * Each call ends before its answer leaves: what it read or refused is written to this service's
 * own trail, whoever called (caregraph's router, another router, a peer), once per request across
 * its fetches (the router's request id ties them together). If that fails, the answer is withheld.
 */
function finishBeforeSending(subgraph: Subgraph): ApolloServerPlugin<object> {
  return {
    async requestDidStart() {
      return {
        async willSendResponse({ contextValue, response }) {
          if (response.body.kind !== 'single') return;
          try {
            await finishRequest(subgraph, contextValue, { oncePerRequest: true });
          } catch (error) {
            response.body.singleResult = withheld(error) as never;
          }
        },
      };
    },
  };
}

function headerOf(req: IncomingMessage, name: string): string | null {
  const value = req.headers[name];
  return typeof value === 'string' ? value : null;
}
