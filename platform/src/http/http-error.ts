import type { ServerResponse } from 'node:http';
import type { ErrorCode } from '@caregraph/schema-standards';

/** Refuses a request before any GraphQL runs: an HTTP status plus one catalogued error. */
export class HttpError extends Error {
  constructor(
    readonly status: number,
    readonly code: ErrorCode,
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
