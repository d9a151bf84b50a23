import { useState } from 'react';
import { useSearchParams } from 'react-router';
import { useAuth } from '../../auth/AuthProvider.tsx';
import { signInWithProvider } from '../../auth/oidc.ts';
import { config } from '../../config.ts';

const ENDED: Record<string, string> = {
  'signed-out': 'You are signed out.',
  expired: 'Your session has ended. Please sign in again.',
  rejected: 'The token in the address was not accepted (malformed, expired or without a known role).',
  idle: 'You were signed out after a period of inactivity, so that nobody reads patient data on an unattended screen.',
  'mfa-required': 'Your role needs a multi-factor sign-in, and this one had none. Sign in again with your second factor.',
};

/**
 * Sign-in. Production: the organization's OpenID Connect provider. Development: the local issuer
 * lists the demo principals, and each button signs in as one (the same OIDC flow, with a
 * `login_hint` naming the principal).
 */
export function SignIn() {
  const { endedBecause } = useAuth();
  const [params] = useSearchParams();
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);
  const returnTo = safeReturnTo(params.get('returnTo'));

  const start = (loginHint?: string) => {
    setBusy(true);
    setProblem(null);
    const redirect = loginHint ? signInWithProvider(returnTo, loginHint) : signInWithProvider(returnTo);
    redirect.catch(() => {
      setBusy(false);
      setProblem('The sign-in service could not be reached. Try again, or ask your administrator.');
    });
  };

  return (
    <main id="main" className="sign-in">
      <h1>caregraph care dashboard</h1>
      {endedBecause ? <p role="status">{ENDED[endedBecause]}</p> : null}
      {problem ? <p role="alert">{problem}</p> : null}
      {config.development ? (
        <section aria-labelledby="dev-heading">
          <h2 id="dev-heading">Development sign-in</h2>
          <p className="muted">
            The local development issuer (never in production). Choose a demo principal; roles that need a second factor sign in with it.
          </p>
          <ul className="principals">
            {config.developmentPrincipals.map((principal) => (
              <li key={principal.id}>
                <button type="button" disabled={busy} onClick={() => start(principal.id)} data-principal={principal.id}>
                  <strong>{principal.label}</strong>
                  <span>{principal.description}</span>
                </button>
              </li>
            ))}
          </ul>
        </section>
      ) : config.oidc.authority ? (
        <button type="button" className="primary" disabled={busy} onClick={() => start()}>
          Sign in with your organization
        </button>
      ) : (
        <p role="alert">Sign-in is not configured: the platform needs DASHBOARD_OIDC_ISSUER, the URL of your OpenID Connect provider.</p>
      )}
    </main>
  );
}

/** Only a path of this site: `returnTo` comes from the address, which anyone can write. */
function safeReturnTo(value: string | null): string {
  return value && value.startsWith('/') && !value.startsWith('//') && !value.startsWith('/\\') ? value : '/';
}
