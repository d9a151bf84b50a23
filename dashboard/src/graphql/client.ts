import { persistedExchange } from '@urql/exchange-persisted';
import { cacheExchange, Client, fetchExchange, mapExchange } from 'urql';
import type { SignOutReason } from '../auth/AuthProvider.tsx';

/**
 * The GraphQL client: urql with its document cache. Every operation is a generated document
 * (src/gql) carrying its SHA-256, and only that hash is sent: the router runs the registered text
 * from trusted-documents.json, and refuses anything else from the dashboard's client id.
 */
export function createGraphqlClient(accessToken: string, onSignOut: (reason: SignOutReason) => void): Client {
  return new Client({
    url: '/graphql',
    preferGetMethod: false,
    fetchOptions: () => ({ headers: { authorization: `Bearer ${accessToken}` } }),
    exchanges: [
      cacheExchange,
      mapExchange({
        onError(error) {
          // A token the API no longer accepts (expired, revoked key) ends the session; so does one
          // without the second factor the role needs (the sign-in page says so).
          const status = (error.response as Response | undefined)?.status;
          const codes = error.graphQLErrors.map((e) => e.extensions?.code);
          if (codes.includes('MFA_REQUIRED')) onSignOut('mfa-required');
          else if (status === 401 || codes.includes('UNAUTHENTICATED')) onSignOut('expired');
        },
      }),
      persistedExchange({
        enforcePersistedQueries: true,
        enableForMutation: true,
        preferGetForPersistedQueries: false,
        generateHash: async (_query, document) => documentHash(document),
      }),
      fetchExchange,
    ],
  });
}

function documentHash(document: unknown): string {
  const hash = (document as { __meta__?: { hash?: string } }).__meta__?.hash;
  if (!hash) throw new Error('an operation that is not a generated document (src/gql) cannot be sent');
  return hash.replace(/^sha256:/, '');
}
