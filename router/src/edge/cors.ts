import type { IncomingMessage, ServerResponse } from 'node:http';

type Handler = (req: IncomingMessage, res: ServerResponse) => Promise<void>;

/** What a browser page of an allowed origin may send beyond the CORS-safelisted headers. */
const ALLOWED_HEADERS = 'authorization, content-type, x-request-id, apollo-require-preflight, x-apollo-operation-name';
/** What such a page may read of an answer beyond the safelisted headers. */
const EXPOSED_HEADERS = 'x-request-id, retry-after';

/**
 * CORS for an allow-list of exact origins: an allowed origin gets its own origin echoed back, any
 * other origin gets no CORS headers (its browser then keeps the answer from it). No wildcard and no
 * credentials: the API authenticates by bearer token, never by cookie. Preflights (OPTIONS) are
 * answered here, without authentication, as the browser sends them without the token.
 */
export function withCors(allowedOrigins: readonly string[], next: Handler): Handler {
  const allowed = new Set(allowedOrigins);
  return async (req, res) => {
    const origin = req.headers.origin;
    res.setHeader('vary', 'Origin');
    const isAllowed = typeof origin === 'string' && allowed.has(origin);
    if (isAllowed) {
      res.setHeader('access-control-allow-origin', origin);
      res.setHeader('access-control-expose-headers', EXPOSED_HEADERS);
    }
    if (req.method === 'OPTIONS') {
      if (isAllowed) {
        res.setHeader('access-control-allow-methods', 'GET, POST');
        res.setHeader('access-control-allow-headers', ALLOWED_HEADERS);
        res.setHeader('access-control-max-age', '600');
      }
      res.statusCode = isAllowed ? 204 : 403;
      res.end();
      return;
    }
    return next(req, res);
  };
}
