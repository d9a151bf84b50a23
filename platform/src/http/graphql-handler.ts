import type { IncomingMessage, ServerResponse } from 'node:http';
import { HeaderMap, type ApolloServer, type BaseContext } from '@apollo/server';
import { GraphQLError } from 'graphql';
import { HttpError } from './http-error.ts';

/** Largest request body accepted by default, in bytes; larger bodies get 413 before any parsing. */
export const MAX_BODY_BYTES = 1_000_000;

export interface GraphQLHandlerOptions {
  /** Largest request body in bytes (413 beyond it). Default {@link MAX_BODY_BYTES}. */
  maxBodyBytes?: number;
}

export class BodyTooLarge extends Error {}

function tooLarge(): HttpError {
  return new HttpError(413, 'BAD_REQUEST', 'The request body is too large.');
}

export async function readJsonBody(req: IncomingMessage, maxBytes: number): Promise<unknown> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > maxBytes) throw new BodyTooLarge();
    chunks.push(chunk);
  }
  if (size === 0) return undefined;
  const text = Buffer.concat(chunks).toString('utf8');
  try {
    return JSON.parse(text);
  } catch {
    return text; // Apollo Server answers a non-JSON body with a proper 400
  }
}

/**
 * A POST must be `application/json` (any charset). Anything else is refused with 415 before the
 * body is read: form and text bodies are what a cross-site form can send (CSRF), and a body we will
 * not parse is not worth receiving.
 */
function isJson(req: IncomingMessage): boolean {
  const mediaType = (req.headers['content-type'] ?? '').split(';')[0]!.trim().toLowerCase();
  return mediaType === 'application/json';
}

function headerMapOf(req: IncomingMessage): HeaderMap {
  const headers = new HeaderMap();
  for (const [name, value] of Object.entries(req.headers)) {
    if (value !== undefined) headers.set(name, Array.isArray(value) ? value.join(', ') : value);
  }
  return headers;
}

/**
 * Serves an Apollo Server on Node's own http module (the same contract as Apollo's integrations),
 * so every service shares one small, dependency-free HTTP layer.
 */
export function graphqlHandler<TContext extends BaseContext>(
  server: ApolloServer<TContext>,
  /**
   * Builds the request's context, once, just before an operation runs (never for a request that
   * runs none); throwing an {@link HttpError} refuses the request before GraphQL runs.
   */
  context: (req: IncomingMessage, res: ServerResponse, body: unknown) => Promise<TContext>,
  options: GraphQLHandlerOptions = {},
): (req: IncomingMessage, res: ServerResponse) => Promise<void> {
  const maxBodyBytes = options.maxBodyBytes ?? MAX_BODY_BYTES;
  return async (req, res) => {
    let body: unknown;
    if (req.method === 'POST') {
      if (!isJson(req)) {
        return new HttpError(415, 'BAD_REQUEST', 'Send the operation as application/json.').send(res);
      }
      // A declared length over the limit is refused without reading a byte of it.
      if (Number(req.headers['content-length'] ?? 0) > maxBodyBytes) return refuseUnread(res, tooLarge());
      try {
        body = await readJsonBody(req, maxBodyBytes);
      } catch (error) {
        if (error instanceof BodyTooLarge) return refuseUnread(res, tooLarge());
        res.statusCode = 400;
        res.end();
        return;
      }
    }
    const url = new URL(req.url ?? '/', 'http://localhost');
    // The context (who is asking) is built by Apollo Server when, and only when, it is about to run
    // an operation: whatever a request looks like (GET or POST, text or persisted hash, any
    // Accept), nothing runs without it. Guessing beforehand which requests were only for Apollo's
    // landing page (since turned off) once let a GET with a persisted-query hash run with no caller at all.
    let refused: HttpError | undefined;
    const response = await server.executeHTTPGraphQLRequest({
      httpGraphQLRequest: { method: req.method ?? 'GET', headers: headerMapOf(req), search: url.search, body },
      context: async () => {
        try {
          return await context(req, res, body);
        } catch (error) {
          if (!(error instanceof HttpError)) throw error;
          refused = error;
          // Apollo formats what the context threw (its answer is replaced below): as a catalogued
          // error, so the refusal is not logged as an internal error.
          throw new GraphQLError(error.message, { extensions: { code: error.code } });
        }
      },
    });
    // A refusal answers as the context said (status, headers such as Retry-After), not as Apollo
    // would report a failed context.
    if (refused) return refused.send(res);
    for (const [name, value] of response.headers) res.setHeader(name, value);
    // GraphQL answers may hold PHI: whatever cache hint a plugin computed, no browser or proxy keeps a copy.
    res.setHeader('cache-control', 'no-store');
    res.statusCode = response.status ?? 200;
    if (response.body.kind === 'complete') {
      res.end(response.body.string);
      return;
    }
    for await (const chunk of response.body.asyncIterator) res.write(chunk);
    res.end();
  };
}

/** Answers and closes the connection: the rest of an oversized body is not worth receiving. */
function refuseUnread(res: ServerResponse, error: HttpError): void {
  res.setHeader('connection', 'close');
  error.send(res);
}
