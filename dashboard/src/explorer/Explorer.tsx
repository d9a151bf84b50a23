import { createGraphiQLFetcher, type Fetcher } from '@graphiql/toolkit';
import { GraphiQL } from 'graphiql';
import { useCallback, useMemo, useState } from 'react';
import { DevSignInBar } from './DevSignInBar.tsx';
import { forgetSignIn, loadSignIn } from './dev-sign-in.ts';
import { pageConfig } from './page-config.ts';
import { bearer, bearerHeaders, initialHeaders, sessionToken } from './session-headers.ts';
import { tabStorage } from './tab-storage.ts';

const api = createGraphiQLFetcher({ url: '/graphql' });
/** The dashboard's session in this tab, read once (the explorer never changes it). */
const dashboard = sessionToken();

/**
 * GraphiQL on the router's `/graphql`, for developers (the router serves this page in development
 * only). The request headers start with a bearer token when there is one: the explorer's own
 * development sign-in (the bar above GraphiQL, dev-sign-in.ts), else this tab's dashboard token
 * (session-headers.ts). They are never written to storage: not by GraphiQL's own setting (off,
 * and its switch hidden), nor inside its history (tab-storage.ts).
 *
 * "Sign out" forgets the token and starts GraphiQL afresh: no tab keeps it in its headers, and
 * no result fetched with it stays on screen. The operations, kept in this tab's storage, stay.
 */
export function Explorer({ signInProblem }: { signInProblem: string | null }) {
  const [signedIn, setSignedIn] = useState(loadSignIn);
  const token = signedIn?.accessToken ?? dashboard?.token ?? null;
  const headers = signedIn ? bearerHeaders(signedIn.accessToken) : initialHeaders(dashboard);
  const fetcher = useMemo(() => withToken(api, token), [token]);
  const storage = useMemo(() => tabStorage(headers), [headers]);
  const signOut = useCallback(() => {
    forgetSignIn();
    setSignedIn(null);
  }, []);
  // The bar: in development, unless the dashboard's session already gives a usable token.
  const offer = pageConfig.developmentSignIn;
  const showBar = signedIn !== null || !dashboard?.token || signInProblem !== null;

  return (
    <div className="explorer-page">
      {offer && showBar ? <DevSignInBar principals={offer.principals} signedIn={signedIn} problem={signInProblem} onSignOut={signOut} /> : null}
      <div className="explorer-graphiql">
        <GraphiQL
          key={signedIn ? 'explorer-sign-in' : 'no-explorer-sign-in'}
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
      </div>
    </div>
  );
}

/**
 * GraphiQL fetches the schema as soon as it renders, before its (lazily loaded) headers editor
 * exists to read the token from: such a request, with no headers at all, gets the token.
 */
function withToken(base: Fetcher, token: string | null): Fetcher {
  if (!token) return base;
  return (params, options) => base(params, options?.headers ? options : { ...options, headers: bearer(token) });
}
