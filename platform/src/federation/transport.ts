import { ROUTER_PROOF_HEADER, type RouterProof } from '../identity/router-proof.ts';
import type { RequestInfo } from '../request.ts';
import { finishRequest, type Subgraph } from '../subgraph.ts';
import { LocalExecutor, type FormattedResult, type GraphQLRequestBody } from './local-executor.ts';

/**
 * How one service reaches another domain's subgraph for a cross-domain lookup: in memory in the
 * modular monolith, over HTTP when distributed. Callers cannot tell which.
 */
export interface SubgraphTransport {
  readonly name: string;
  execute(request: GraphQLRequestBody, info: RequestInfo): Promise<FormattedResult>;
}

export function inProcessTransport(subgraph: Subgraph): SubgraphTransport {
  const executor = new LocalExecutor(subgraph.schema);
  return {
    name: subgraph.name,
    execute: (request, info) => executor.execute(request, subgraph.createContext(info), (context) => finishRequest(subgraph, context)),
  };
}

/** Default time a cross-domain call may take before it fails. */
export const PEER_TIMEOUT_MS = 5_000;

/** Calls a peer subgraph over HTTP as the original caller (their token), with the router's proof. */
export function httpTransport(name: string, url: string, proof: RouterProof, timeoutMs = PEER_TIMEOUT_MS): SubgraphTransport {
  return {
    name,
    async execute(request, info) {
      const response = await fetch(url, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          'x-request-id': info.requestId,
          // Without a caller's token the call is the platform's own (a service call).
          [ROUTER_PROOF_HEADER]: proof.sign(request, info.token ? 'peer' : 'service'),
          ...(info.token ? { authorization: `Bearer ${info.token}` } : {}),
          ...clientHeaders(info),
        },
        body: JSON.stringify(request),
        signal: AbortSignal.timeout(timeoutMs),
      });
      if (!response.ok && !response.headers.get('content-type')?.includes('json')) {
        // The status, not the body or URL: neither belongs in an error another service may surface.
        throw new Error(`${name} subgraph answered HTTP ${response.status}`);
      }
      return (await response.json()) as FormattedResult;
    },
  };
}

/** Who the original caller is, for the audit trail of the service called (trusted only with the proof). */
export function clientHeaders(info: RequestInfo): Record<string, string> {
  const headers: Record<string, string> = {};
  if (info.client?.address) headers['x-forwarded-for'] = info.client.address;
  if (info.client?.userAgent) headers['x-caregraph-client-agent'] = info.client.userAgent.slice(0, 256);
  return headers;
}

/** A peer the configuration does not reach: every call fails, so only what needs it is unavailable. */
export function unavailableTransport(name: string, configPath: string): SubgraphTransport {
  return {
    name,
    execute: async () => {
      throw new Error(`${configPath} names no http routing_url for subgraph ${name}`);
    },
  };
}
