import { useEffect, useRef, useState } from 'react';
import { Navigate } from 'react-router';
import { useAuth } from '../../auth/AuthProvider.tsx';
import { userManager } from '../../auth/oidc.ts';
import { sessionFromToken } from '../../auth/session.ts';
import { routes } from '../../app/routes.ts';

/** The provider redirects here with a code; it is exchanged (with the PKCE verifier) for tokens. */
export function AuthCallback() {
  const { signIn } = useAuth();
  const [done, setDone] = useState<{ to: string } | { failed: string } | null>(null);
  const started = useRef(false);

  useEffect(() => {
    if (started.current) return; // StrictMode runs effects twice; a code is good for one exchange
    started.current = true;
    userManager
      .signinCallback()
      .then((user) => {
        const session = user && sessionFromToken(user.access_token, 'oidc');
        if (!session) throw new Error('the provider returned no usable access token');
        signIn(session);
        const returnTo = (user.state as { returnTo?: string } | undefined)?.returnTo;
        setDone({ to: returnTo && returnTo.startsWith('/') && !returnTo.startsWith('//') ? returnTo : routes.home });
      })
      .catch((error: unknown) => setDone({ failed: error instanceof Error ? error.message : 'sign-in failed' }));
  }, [signIn]);

  if (done && 'to' in done) return <Navigate to={done.to} replace />;
  return (
    <main id="main" className="sign-in">
      {done && 'failed' in done ? (
        <>
          <h1>Sign-in did not complete</h1>
          <p role="alert">{done.failed}</p>
          <a href={routes.signIn}>Back to sign-in</a>
        </>
      ) : (
        <p role="status">Signing in…</p>
      )}
    </main>
  );
}
