import { createGraphiQLFetcher, type Fetcher } from '@graphiql/toolkit';
import { GraphiQL } from 'graphiql';
import { bearer, initialHeaders, sessionToken } from './session-headers.ts';
import { tabStorage } from './tab-storage.ts';

const session = sessionToken();
const headers = initialHeaders(session);
const storage = tabStorage(headers);
const fetcher = withSessionToken(createGraphiQLFetcher({ url: '/graphql' }), session?.token ?? null);

/**
 * GraphiQL on the router's `/graphql`, for developers (the router serves this page in development
 * only). The request headers start with this tab's dashboard token (session-headers.ts), and are
 * never written to storage: not by GraphiQL's own setting (off, and its switch hidden), nor inside
 * its history (tab-storage.ts).
 */
export function Explorer() {
  return (
    <GraphiQL
      fetcher={fetcher}
      storage={storage}
      initialHeaders={headers}
      defaultHeaders={headers}
      shouldPersistHeaders={false}
      showPersistHeadersSettings={false}
      isHeadersEditorEnabled
      defaultEditorToolsVisibility="headers"
      defaultQuery={'# caregraph\'s API. Ctrl+Enter runs the operation; the token is under "Headers" below.\n{\n  vitalSignCodes {\n    code\n  }\n}\n'}
    />
  );
}

/**
 * GraphiQL fetches the schema as soon as it renders, before its (lazily loaded) headers editor
 * exists to read the token from: such a request, with no headers at all, gets the session's.
 */
function withSessionToken(base: Fetcher, token: string | null): Fetcher {
  if (!token) return base;
  return (params, options) => base(params, options?.headers ? options : { ...options, headers: bearer(token) });
}
