import { useState } from 'react';
import { signInAs, type ExplorerSignIn } from './dev-sign-in.ts';
import type { DevelopmentPrincipal } from './page-config.ts';

interface Props {
  principals: DevelopmentPrincipal[];
  signedIn: ExplorerSignIn | null;
  /** Why the last return from the provider did not sign in, if it did not. */
  problem: string | null;
  onSignOut(): void;
}

/**
 * The explorer's development sign-in, one line above GraphiQL: "Sign in as:" a demo principal
 * (the development issuer, the explorer's own OAuth client), or whom the headers' token is for
 * and "Sign out".
 */
export function DevSignInBar({ principals, signedIn, problem, onSignOut }: Props) {
  const [busy, setBusy] = useState(false);
  const [failed, setFailed] = useState<string | null>(null);

  const start = (principal: DevelopmentPrincipal) => {
    setBusy(true);
    setFailed(null);
    signInAs(principal).catch((error: unknown) => {
      setBusy(false);
      setFailed(`The development issuer could not be reached (${error instanceof Error ? error.message : 'no answer'}).`);
    });
  };

  const shownProblem = failed ?? (problem ? `Sign-in did not complete: ${problem}.` : null);
  return (
    <nav className="explorer-sign-in" aria-label="Development sign-in">
      {signedIn ? (
        <div className="explorer-sign-in-line">
          <span data-testid="explorer-signed-in-as">
            Signed in as <strong>{signedIn.label}</strong>
          </span>
          <span className="explorer-muted"> (development issuer; the token is in the headers below)</span>
          <button type="button" onClick={onSignOut}>
            Sign out
          </button>
        </div>
      ) : (
        <div className="explorer-sign-in-line">
          <span id="explorer-sign-in-as">Sign in as:</span>
          <ul aria-labelledby="explorer-sign-in-as">
            {principals.map((principal, index) => (
              <li key={principal.id}>
                {index > 0 ? (
                  <span className="explorer-separator" aria-hidden="true">
                    ·
                  </span>
                ) : null}
                <button type="button" disabled={busy} title={principal.description} data-principal={principal.id} onClick={() => start(principal)}>
                  {principal.label}
                </button>
              </li>
            ))}
          </ul>
          <span className="explorer-muted">development issuer, never in production</span>
        </div>
      )}
      {shownProblem ? <p role="alert">{shownProblem}</p> : null}
    </nav>
  );
}
