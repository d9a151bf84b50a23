import { CLIENT_ADDRESS_HEADER, CLIENT_AGENT_HEADER, CLIENT_REQUEST_ID_HEADER } from '../http/request-id.ts';
import { provenHeaders, ROUTER_PROOF_HEADER, type RouterProof } from '../identity/router-proof.ts';
import type { RequestInfo } from '../request.ts';
import { traceHeaders } from '../telemetry/propagation.ts';
import { finishRequest, type Subgraph } from '../subgraph.ts';
import { LocalExecutor, type FormattedResult, type GraphQLRequestBody } from './local-executor.ts';
import { DEFAULT_RESILIENCE, type ResilienceConfig } from '../resilience/config.ts';
import { httpPost, isConnectionError, serviceAgent } from '../resilience/http-post.ts';
import { isRetryableOperation } from '../resilience/operation-kind.ts';
import { withRetries } from '../resilience/retry.ts';
import type { TrailPage, TrailPageRequest } from '../audit/trail-page.ts';
import { AUDIT_TRAIL_CALL, AUDIT_TRAIL_PATH, parseTrailPage } from '../audit/trail-wire.ts';
import { randomUUID } from 'node:crypto';

/**
 * How one service reaches another domain's subgraph for a cross-domain lookup: in memory in the
 * modular monolith, over HTTP when distributed. Callers cannot tell which.
 */
export interface SubgraphTransport {
  readonly name: string;
  execute(request: GraphQLRequestBody, info: RequestInfo): Promise<FormattedResult>;
  /**
   * A page of the audit trail in the peer's database, for the audit domain (a platform call, no
   * caller). Only over HTTP: in memory, a peer shares its host's database, whose trail is read directly.
   */
  readTrail?(request: TrailPageRequest): Promise<TrailPage>;
}

export function inProcessTransport(subgraph: Subgraph): SubgraphTransport {
  const executor = new LocalExecutor(subgraph.schema);
  return {
    name: subgraph.name,
    execute: (request, info) => executor.execute(request, subgraph.createContext(info), (context) => finishRequest(subgraph, context)),
  };
}

/** Default time a cross-domain call may take before it fails, retries included. */
export const PEER_TIMEOUT_MS = DEFAULT_RESILIENCE.peerTimeoutMs;

/** Answers worth another try: the peer (or a proxy in front of it) says it is momentarily unable. */
const RETRYABLE_STATUS = new Set([502, 503, 504]);

class PeerAnswerError extends Error {
  constructor(
    readonly peer: string,
    readonly status: number,
    reason: string,
  ) {
    // The status, not the body or URL: neither belongs in an error another service may surface.
    super(`${peer} subgraph ${reason}`);
    this.name = 'PeerAnswerError';
  }
}

/**
 * Calls a peer subgraph over HTTP as the original caller (their token), with the router's proof.
 * The whole call, retries included, ends within `peerTimeoutMs`; a query that could not connect
 * or got 502/503/504 is retried with backoff, a mutation never is. At most `maxSockets`
 * connections to the peer are open at once.
 */
export function httpTransport(name: string, url: string, proof: RouterProof, settings: ResilienceConfig = DEFAULT_RESILIENCE): SubgraphTransport {
  const agent = serviceAgent(url, settings.maxSockets, settings.clientTls);
  const retry = { retries: settings.retries, baseDelayMs: settings.retryBaseDelayMs, maxDelayMs: settings.retryMaxDelayMs };
  return {
    name,
    async execute(request, info) {
      const deadline = Date.now() + settings.peerTimeoutMs;
      const headers = {
        'content-type': 'application/json',
        'x-request-id': info.requestId,
        ...(info.token ? { authorization: `Bearer ${info.token}` } : {}),
        ...clientHeaders(info),
        ...traceHeaders(),
      };
      const body = JSON.stringify(request);
      const attempt = async (): Promise<FormattedResult> => {
        // Signed per attempt: a proof is bound to the token and accepted once, so a retry needs its own.
        // Without a caller's token the call is the platform's own (a service call).
        const signed = { ...request, token: info.token, headers: provenHeaders((name) => (headers as Record<string, string | undefined>)[name]) };
        // caregraph's proof, not the static peer credential: bound to this call and accepted once, it
        // is worth nothing captured (a credential is for routers that cannot sign; see RouterProof).
        const proven = { ...headers, [ROUTER_PROOF_HEADER]: proof.sign(signed, info.token ? 'peer' : 'service') };
        const answer = await httpPost(url, { agent, headers: proven, body, signal: AbortSignal.timeout(Math.max(1, deadline - Date.now())) });
        const json = /json/.test(String(answer.headers['content-type']));
        if (answer.status >= 300 && !json) throw new PeerAnswerError(name, answer.status, `answered HTTP ${answer.status}`);
        try {
          return JSON.parse(answer.body.toString('utf8')) as FormattedResult;
        } catch {
          throw new PeerAnswerError(name, answer.status, `answered HTTP ${answer.status} with a body that is not JSON`);
        }
      };
      return withRetries(attempt, {
        ...retry,
        retries: isRetryableOperation(request.query, request.operationName) ? retry.retries : 0,
        deadline,
        shouldRetry: (error) => isConnectionError(error) || (error instanceof PeerAnswerError && RETRYABLE_STATUS.has(error.status)),
      });
    },
    async readTrail(page) {
      const deadline = Date.now() + settings.peerTimeoutMs;
      const trailUrl = new URL(AUDIT_TRAIL_PATH, url).toString();
      const body = JSON.stringify(page);
      const variables = JSON.parse(body) as unknown;
      const attempt = async (): Promise<TrailPage> => {
        const headers: Record<string, string> = { 'content-type': 'application/json', 'x-request-id': randomUUID() };
        headers[ROUTER_PROOF_HEADER] = proof.sign({ query: AUDIT_TRAIL_CALL, variables, token: null, headers: provenHeaders((name) => headers[name]) }, 'service');
        const answer = await httpPost(trailUrl, { agent, headers, body, signal: AbortSignal.timeout(Math.max(1, deadline - Date.now())) });
        if (answer.status !== 200) throw new PeerAnswerError(name, answer.status, `answered the audit trail call with HTTP ${answer.status}`);
        return parseTrailPage(JSON.parse(answer.body.toString('utf8')));
      };
      return withRetries(attempt, {
        ...retry,
        deadline,
        shouldRetry: (error) => isConnectionError(error) || (error instanceof PeerAnswerError && RETRYABLE_STATUS.has(error.status)),
      });
    },
  };
}

/** Who the original caller is, for the audit trail of the service called (trusted only with the proof). */
export function clientHeaders(info: RequestInfo): Record<string, string> {
  const headers: Record<string, string> = {};
  if (info.client?.address) headers[CLIENT_ADDRESS_HEADER] = info.client.address;
  if (info.client?.userAgent) headers[CLIENT_AGENT_HEADER] = info.client.userAgent.slice(0, 256);
  if (info.clientRequestId) headers[CLIENT_REQUEST_ID_HEADER] = info.clientRequestId;
  return headers;
}

/**
 * A peer the configuration does not reach: every call fails, so only what needs it is unavailable.
 * Its trail too: its database is not this one, so the audit domain's read fails rather than show
 * the trail without it.
 */
export function unavailableTransport(name: string, configPath: string): SubgraphTransport {
  const unreachable = async (): Promise<never> => {
    throw new Error(`${configPath} names no http routing_url for subgraph ${name}`);
  };
  return { name, execute: unreachable, readTrail: unreachable };
}
