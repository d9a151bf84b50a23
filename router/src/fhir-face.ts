import type { IncomingMessage, ServerResponse } from 'node:http';
import type { ApolloServer } from '@apollo/server';
import { FHIR_PREFIX, fhirHandler, type GraphAnswer, type GraphExecutor } from '@caregraph/fhir';
import type { RouterContext } from './context.ts';
import { RateLimited } from './edge/rate-limits.ts';

type Handler = (req: IncomingMessage, res: ServerResponse) => Promise<void> | void;

/**
 * The FHIR face behind the router's own door: each FHIR request is authenticated and rate-limited
 * by the same context as a GraphQL request, and reads the graph through the router (its plugins,
 * limits and the subgraphs' audit trail), as the caller.
 */
export function fhirFace(router: ApolloServer<RouterContext>, context: (req: IncomingMessage, res: ServerResponse) => Promise<RouterContext>): Handler {
  return fhirHandler({
    software: { version: '0.1.0', releaseDate: '2026-12-01' },
    async executorFor(req, res) {
      let contextValue: RouterContext;
      try {
        contextValue = await context(req, res);
      } catch (error) {
        const headers = error instanceof RateLimited ? { 'retry-after': String(error.retryAfterSeconds) } : {};
        throw Object.assign(new Error((error as Error).message), { status: (error as { status?: number }).status, headers });
      }
      const execute: GraphExecutor = async <Data,>(query: string, variables: Record<string, unknown>) => {
        const response = await router.executeOperation<Data>({ query, variables }, { contextValue });
        if (response.body.kind !== 'single') throw new Error('the FHIR face reads single results only');
        return response.body.singleResult as GraphAnswer<Data>;
      };
      return execute;
    },
  });
}

/** `/fhir` and below to the FHIR face, every other path to `pages`. */
export function withFhir(fhir: Handler, pages: Handler): Handler {
  return (req, res) => {
    const path = (req.url ?? '/').split('?')[0] ?? '/';
    return path === FHIR_PREFIX || path.startsWith(`${FHIR_PREFIX}/`) ? fhir(req, res) : pages(req, res);
  };
}
