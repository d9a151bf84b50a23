import { randomUUID } from 'node:crypto';
import type { IncomingMessage } from 'node:http';

const WELL_FORMED = /^[A-Za-z0-9._-]{8,128}$/;
const assigned = new WeakMap<IncomingMessage, string>();

/**
 * The caller's `x-request-id` when it is well formed (so it cannot inject into logs), else a new
 * one; the same id however often it is asked for one request.
 */
export function requestIdOf(req: IncomingMessage): string {
  let id = assigned.get(req);
  if (!id) {
    const given = req.headers['x-request-id'];
    id = typeof given === 'string' && WELL_FORMED.test(given) ? given : randomUUID();
    assigned.set(req, id);
  }
  return id;
}
