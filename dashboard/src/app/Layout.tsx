import type { ReactNode } from 'react';
import { NavLink } from 'react-router';
import { useAuth, useSession } from '../auth/AuthProvider.tsx';
import { roleName } from '../auth/role-names.ts';
import { navigationFor } from './routes.ts';

export function Layout({ children }: { children: ReactNode }) {
  const { signOut } = useAuth();
  const { principal, source } = useSession();
  return (
    <>
      <a className="skip-link" href="#main">
        Skip to content
      </a>
      <header className="top-bar">
        <span className="brand">caregraph</span>
        <nav aria-label="Views">
          <ul>
            {navigationFor(principal.role).map((item) => (
              <li key={item.to}>
                <NavLink to={item.to}>{item.label}</NavLink>
              </li>
            ))}
          </ul>
        </nav>
        <div className="who" data-testid="signed-in-as">
          <span>
            {roleName(principal.role)} <span className="muted">{principal.subject}</span>
            {source === 'fragment' ? <span className="muted"> (token from the URL)</span> : null}
          </span>
          <button type="button" onClick={() => signOut()}>
            Sign out
          </button>
        </div>
      </header>
      <main id="main" tabIndex={-1}>
        {children}
      </main>
    </>
  );
}
