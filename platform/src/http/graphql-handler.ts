import type { IncomingMessage, ServerResponse } from 'node:http';
import { HeaderMap, type ApolloServer, type BaseContext } from '@apollo/server';
import { HttpError } from './http-error.ts';

/** Largest request body accepted, in bytes; larger bodies get 413 before any parsing. */
export const MAX_BODY_BYTES = 1_000_000;

class BodyTooLarge extends Error {}

async function readJsonBody(req: IncomingMessage): Promise<unknown> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > MAX_BODY_BYTES) throw new BodyTooLarge();
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
  /** Builds the request's context; throwing an {@link HttpError} refuses the request before GraphQL runs. */
  context: (req: IncomingMessage, res: ServerResponse, body: unknown) => Promise<TContext>,
): (req: IncomingMessage, res: ServerResponse) => Promise<void> {
  return async (req, res) => {
    let body: unknown;
    try {
      body = req.method === 'POST' ? await readJsonBody(req) : undefined;
    } catch (error) {
      res.statusCode = error instanceof BodyTooLarge ? 413 : 400;
      res.end();
      return;
    }
    const url = new URL(req.url ?? '/', 'http://localhost');
    let contextValue: TContext;
    try {
      contextValue = await context(req, res, body);
    } catch (error) {
      if (error instanceof HttpError) return error.send(res);
      throw error;
    }
    const response = await server.executeHTTPGraphQLRequest({
      httpGraphQLRequest: { method: req.method ?? 'GET', headers: headerMapOf(req), search: url.search, body },
      context: async () => contextValue,
    });
    for (const [name, value] of response.headers) res.setHeader(name, value);
    res.statusCode = response.status ?? 200;
    if (response.body.kind === 'complete') {
      res.end(response.body.string);
      return;
    }
    for await (const chunk of response.body.asyncIterator) res.write(chunk);
    res.end();
  };
}
