import type { ServerResponse } from 'node:http';
import type { ErrorCode } from '@caregraph/schema-standards';

/** Refuses a request before any GraphQL runs: an HTTP status plus one catalogued error. */
export class HttpError extends Error {
  constructor(
    readonly status: number,
    /** A catalogued code, or `BAD_REQUEST` for an HTTP request that is not a GraphQL request at all. */
    readonly code: ErrorCode | 'BAD_REQUEST',
    message: string,
  ) {
    super(message);
  }

  send(res: ServerResponse): void {
    res.statusCode = this.status;
    res.setHeader('content-type', 'application/json');
    if (this.status === 401) res.setHeader('www-authenticate', 'Bearer');
    res.end(JSON.stringify({ errors: [{ message: this.message, extensions: { code: this.code } }] }));
  }
}
