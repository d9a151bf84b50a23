import { randomUUID } from 'node:crypto';
import type { IncomingMessage } from 'node:http';

const WELL_FORMED = /^[A-Za-z0-9._-]{8,128}$/;
const assigned = new WeakMap<IncomingMessage, string>();

/** Headers the router forwards to subgraphs, about the caller (believed only behind a router proof). */
export const REQUEST_ID_HEADER = 'x-request-id';
/** The caller's own request id. */
export const CLIENT_REQUEST_ID_HEADER = 'x-caregraph-client-request-id';
/** The caller's address, as the router saw it. */
export const CLIENT_ADDRESS_HEADER = 'x-forwarded-for';
/** The caller's user agent. */
export const CLIENT_AGENT_HEADER = 'x-caregraph-client-agent';

/** Whether an id is safe to log and store (it cannot inject into logs). */
export function isWellFormedRequestId(value: unknown): value is string {
  return typeof value === 'string' && WELL_FORMED.test(value);
}

/**
 * The platform's own id for this request: made here, never taken from the caller, so the audit
 * trail's request ids are unique and no caller can make two requests look like one (or theirs
 * look like someone else's). The same id however often it is asked for one request; a subgraph
 * adopts the router's id once the router's proof is checked ({@link adoptRequestId}).
 */
export function requestIdOf(req: IncomingMessage): string {
  let id = assigned.get(req);
  if (!id) {
    id = randomUUID();
    assigned.set(req, id);
  }
  return id;
}

/** A subgraph takes the router's id for a call whose proof it has checked. */
export function adoptRequestId(req: IncomingMessage, id: string): void {
  assigned.set(req, id);
}

/**
 * The caller's own `x-request-id`, when well formed: kept beside ours (audit `clientRequestId`,
 * echoed as `x-client-request-id`) so a client can still find its request.
 */
export function clientRequestIdOf(req: IncomingMessage): string | null {
  const given = req.headers['x-request-id'];
  return isWellFormedRequestId(given) ? given : null;
}
