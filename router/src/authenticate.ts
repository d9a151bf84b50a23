import type { IncomingMessage, ServerResponse } from 'node:http';
import { authenticate, AuthenticationRefused, clientRequestIdOf, requestIdOf, type RequestInfo, type TokenVerifier } from '@caregraph/platform';
import type { AccessLog } from './access-log.ts';
import type { RouterContext } from './context.ts';
import { addressKey, clientAddress } from './edge/client-address.ts';
import type { RateLimits } from './edge/rate-limits.ts';

/**
 * The router's context: every operation needs a verified token (401) and MFA where required (403),
 * within the rate limits per address and per principal (429). A refused sign-in is an audit event
 * too, with whoever the caller proved to be; a rate-limited request is not (it costs nothing).
 * There is no exception for any kind of request: Apollo Server asks for a context only to run an
 * operation (the explorer page is served without one, see graphqlHandler), so every context has
 * a verified viewer.
 */
export function routerContext(verifier: TokenVerifier, accessLog: AccessLog, edge: { rateLimits: RateLimits; trustedProxyHops: number }) {
  return async (req: IncomingMessage, res: ServerResponse): Promise<RouterContext> => {
    const requestId = requestIdOf(req);
    const clientRequestId = clientRequestIdOf(req);
    res.setHeader('x-request-id', requestId);
    if (clientRequestId) res.setHeader('x-client-request-id', clientRequestId);
    const address = clientAddress(req, edge.trustedProxyHops);
    // Before authentication: a flood of bad tokens costs neither a signature check nor an audit insert.
    await edge.rateLimits.byAddress(addressKey(address));
    const client = { address, userAgent: req.headers['user-agent']?.slice(0, 256) ?? null };
    try {
      const { viewer, token } = await authenticate(req, verifier);
      await edge.rateLimits.byPrincipal(viewer);
      return { request: { requestId, clientRequestId, viewer, token, client } };
    } catch (error) {
      if (error instanceof AuthenticationRefused) await recordRefusal(accessLog, { requestId, clientRequestId, viewer: error.viewer, token: null, client }, error.code);
      throw error;
    }
  };
}

/**
 * Records a refused sign-in. The refusal goes out even if this fails: it carries no data, and
 * holding it back would only turn a 401 into an error that tells the caller more.
 */
async function recordRefusal(accessLog: AccessLog, request: RequestInfo, code: string): Promise<void> {
  try {
    await accessLog.record(request, [{ action: 'deny', outcome: 'denied', resourceType: 'Request', resourceId: null, patientId: null, fields: [code] }]);
  } catch (error) {
    console.error(`request ${request.requestId}: could not record a refused sign-in: ${(error as Error).message}`);
  }
}
