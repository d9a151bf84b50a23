import { useEffect } from 'react';
import type { SignOutReason } from './AuthProvider.tsx';
import type { Session } from './session.ts';

const ACTIVITY = ['pointerdown', 'keydown', 'wheel', 'touchstart', 'scroll'] as const;
/** How often the clock is read: a timer alone would be late after the laptop slept. */
const CHECK_EVERY_MS = 1_000;

/**
 * Automatic logoff (HIPAA §164.312(a)(2)(iii)): a session ends after `idleSeconds` without a key
 * press, click, scroll or touch in the page, and when its access token expires, so PHI does not
 * stay on an unattended screen. Activity in another tab of the session does not count.
 */
export function useAutomaticLogoff(session: Session | null, idleSeconds: number, signOut: (reason: SignOutReason) => void): void {
  useEffect(() => {
    if (!session) return;
    let lastActivity = Date.now();
    const active = () => {
      lastActivity = Date.now();
    };
    for (const event of ACTIVITY) window.addEventListener(event, active, { passive: true, capture: true });
    const timer = window.setInterval(() => {
      const now = Date.now();
      if (now >= session.principal.expiresAt * 1000) signOut('expired');
      else if (now - lastActivity >= idleSeconds * 1000) signOut('idle');
    }, CHECK_EVERY_MS);
    return () => {
      window.clearInterval(timer);
      for (const event of ACTIVITY) window.removeEventListener(event, active, { capture: true });
    };
  }, [session, idleSeconds, signOut]);
}
