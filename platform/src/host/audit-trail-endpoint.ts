import type { IncomingMessage, ServerResponse } from 'node:http';
import { BodyTooLarge, readJsonBody } from '../http/graphql-handler.ts';
import { HttpError } from '../http/http-error.ts';
import { MalformedTrailCall, parseTrailPageRequest } from '../audit/trail-wire.ts';
import type { TrailPage, TrailPageRequest } from '../audit/trail-page.ts';

/** A trail call's body is a filter and a cursor: a few hundred bytes. */
const MAX_TRAIL_CALL_BYTES = 16_384;

/**
 * Serves this domain's database's audit trail to the audit domain (`POST /audit-trail`), so
 * `auditEvents` reads every domain's events whichever database holds them. Only a platform call
 * may ask (`isPlatformCall`: the proof or credential of a service call, no caller's token); anyone
 * else gets 401 (and is counted as a refused call at the door, by `refuse`).
 */
export function auditTrailEndpoint(options: {
  read: (request: TrailPageRequest) => Promise<TrailPage>;
  isPlatformCall: (req: IncomingMessage, body: unknown) => boolean;
  refuse: (req: IncomingMessage) => Promise<void>;
}) {
  return async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    try {
      if (req.method !== 'POST') throw new HttpError(405, 'BAD_REQUEST', 'POST a page request.');
      let body: unknown;
      try {
        body = await readJsonBody(req, MAX_TRAIL_CALL_BYTES);
      } catch (error) {
        if (error instanceof BodyTooLarge) throw new HttpError(413, 'BAD_REQUEST', 'The request body is too large.');
        throw error;
      }
      if (!options.isPlatformCall(req, body)) {
        await options.refuse(req);
        throw new HttpError(401, 'UNAUTHENTICATED', 'This service answers only the caregraph platform.');
      }
      let request: TrailPageRequest;
      try {
        request = parseTrailPageRequest(body);
      } catch (error) {
        if (error instanceof MalformedTrailCall) throw new HttpError(400, 'BAD_USER_INPUT', error.message);
        throw error;
      }
      const page = await options.read(request);
      res.statusCode = 200;
      res.setHeader('content-type', 'application/json');
      res.end(JSON.stringify(page));
    } catch (error) {
      if (error instanceof HttpError) return error.send(res);
      throw error;
    }
  };
}
