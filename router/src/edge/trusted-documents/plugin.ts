import type { ApolloServerPlugin } from '@apollo/server';
import { GraphQLError } from 'graphql';
import type { RouterContext } from '../../context.ts';
import type { TrustedDocuments } from './manifest.ts';

export const UNREGISTERED_MESSAGE = 'This client may run only the operations it has registered.';

/**
 * Trusted documents: a client listed in the trusted-documents file runs its registered operations
 * only. It may send just the hash (`extensions.persistedQuery.sha256Hash`, as for automatic
 * persisted queries), which is filled in from the file, or the full text, which must hash to a
 * registered id. Anything else is refused with 403 FORBIDDEN before it runs. Clients not listed are
 * not restricted (they are still held to every limit), and may send any registered operation by
 * its hash too.
 */
export function trustedDocumentsOnly(documents: TrustedDocuments): ApolloServerPlugin<RouterContext> {
  return {
    async requestDidStart({ contextValue, request }) {
      const registered = documents.registeredBy(contextValue.request.viewer?.clientId);
      const hash = (request.extensions?.['persistedQuery'] as { sha256Hash?: unknown } | undefined)?.sha256Hash;
      // Runs before Apollo looks the hash up in its APQ cache, so a registered operation never
      // depends on that cache (nor can another client's cached operation stand in for it).
      if (request.query === undefined && typeof hash === 'string') {
        const text = registered ? registered.get(hash) : documents.published(hash);
        if (text !== undefined) request.query = text;
      }
      if (!registered) return;
      return {
        async didResolveOperation({ queryHash }) {
          if (!registered.has(queryHash)) {
            throw new GraphQLError(UNREGISTERED_MESSAGE, { extensions: { code: 'FORBIDDEN', http: { status: 403 } } });
          }
        },
      };
    },
  };
}
