import { createContext, useCallback, useContext, useMemo, useState, type ReactNode } from 'react';
import { userManager } from './oidc.ts';
import { clearSession, saveSession, type Session } from './session.ts';
import { useAutomaticLogoff } from './useAutomaticLogoff.ts';
import { config } from '../config.ts';

interface Auth {
  session: Session | null;
  /** Starts a session (after the OIDC callback). */
  signIn(session: Session): void;
  /** Ends the session: the token is forgotten by this tab, the provider's stored user too. */
  signOut(reason?: SignOutReason): void;
  /** Why the last session ended, to say so on the sign-in page. */
  endedBecause: SignOutReason | null;
}

export type SignOutReason = 'signed-out' | 'expired' | 'rejected' | 'mfa-required' | 'idle';

const AuthContext = createContext<Auth | null>(null);

export function AuthProvider({ initial, fragmentRejected, children }: { initial: Session | null; fragmentRejected: boolean; children: ReactNode }) {
  const [session, setSession] = useState(initial);
  const [endedBecause, setEndedBecause] = useState<SignOutReason | null>(fragmentRejected ? 'rejected' : null);
  const signIn = useCallback((next: Session) => {
    saveSession(next);
    setEndedBecause(null);
    setSession(next);
  }, []);
  const signOut = useCallback((reason: SignOutReason = 'signed-out') => {
    clearSession();
    void userManager.removeUser();
    setEndedBecause(reason);
    setSession(null);
  }, []);
  useAutomaticLogoff(session, config.idleTimeoutSeconds, signOut);
  const value = useMemo(() => ({ session, signIn, signOut, endedBecause }), [session, signIn, signOut, endedBecause]);
  return <AuthContext.Provider value={value}>{children}</AuthContext.Provider>;
}

export function useAuth(): Auth {
  const auth = useContext(AuthContext);
  if (!auth) throw new Error('useAuth outside AuthProvider');
  return auth;
}

/** The signed-in session; only for views rendered behind the sign-in guard. */
export function useSession(): Session {
  const { session } = useAuth();
  if (!session) throw new Error('useSession without a session');
  return session;
}
