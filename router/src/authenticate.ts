import type { IncomingMessage, ServerResponse } from 'node:http';
import { authenticate, requestIdOf, type TokenVerifier } from '@caregraph/platform';
import type { RouterContext } from './context.ts';

/** The explorer's landing page (a GET for HTML without an operation) carries no data. */
function isLandingPage(req: IncomingMessage): boolean {
  const url = new URL(req.url ?? '/', 'http://localhost');
  return req.method === 'GET' && !url.searchParams.has('query') && (req.headers.accept ?? '').includes('text/html');
}

/** The router's context: every operation needs a verified token (401) and MFA where required (403). */
export function routerContext(verifier: TokenVerifier) {
  return async (req: IncomingMessage, res: ServerResponse): Promise<RouterContext> => {
    const requestId = requestIdOf(req);
    res.setHeader('x-request-id', requestId);
    if (isLandingPage(req)) return { request: { requestId, viewer: null, token: null } };
    const { viewer, token } = await authenticate(req, verifier);
    const client = { address: req.socket.remoteAddress ?? null, userAgent: req.headers['user-agent']?.slice(0, 256) ?? null };
    return { request: { requestId, viewer, token, client } };
  };
}
