import type { IncomingMessage, ServerResponse } from 'node:http';
import { AccessTrail, authenticate, AuthenticationRefused, requestIdOf, type RequestInfo, type TokenVerifier } from '@caregraph/platform';
import type { AccessLog } from './access-log.ts';
import type { RouterContext } from './context.ts';

/** The explorer's landing page (a GET for HTML without an operation) carries no data. */
function isLandingPage(req: IncomingMessage): boolean {
  const url = new URL(req.url ?? '/', 'http://localhost');
  return req.method === 'GET' && !url.searchParams.has('query') && (req.headers.accept ?? '').includes('text/html');
}

/**
 * The router's context: every operation needs a verified token (401) and MFA where required (403).
 * A refusal is an audit event too, with whoever the caller proved to be.
 */
export function routerContext(verifier: TokenVerifier, accessLog: AccessLog) {
  return async (req: IncomingMessage, res: ServerResponse): Promise<RouterContext> => {
    const requestId = requestIdOf(req);
    res.setHeader('x-request-id', requestId);
    const access = new AccessTrail();
    if (isLandingPage(req)) return { request: { requestId, viewer: null, token: null }, access };
    const client = { address: req.socket.remoteAddress ?? null, userAgent: req.headers['user-agent']?.slice(0, 256) ?? null };
    try {
      const { viewer, token } = await authenticate(req, verifier);
      return { request: { requestId, viewer, token, client }, access };
    } catch (error) {
      if (error instanceof AuthenticationRefused) await recordRefusal(accessLog, { requestId, viewer: error.viewer, token: null, client }, error.code);
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
