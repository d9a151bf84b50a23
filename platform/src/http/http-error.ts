import type { ServerResponse } from 'node:http';
import type { ErrorCode } from '@caregraph/schema-standards';
import { responseMediaType } from './media-type.ts';

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

  /** Answers in the media type the request accepts (`res.req`: the request this answers). */
  send(res: ServerResponse): void {
    res.statusCode = this.status;
    res.setHeader('content-type', `${responseMediaType(res.req?.headers.accept)}; charset=utf-8`);
    if (this.status === 401) res.setHeader('www-authenticate', 'Bearer');
    res.end(JSON.stringify({ errors: [{ message: this.message, extensions: { code: this.code } }] }));
  }
}
