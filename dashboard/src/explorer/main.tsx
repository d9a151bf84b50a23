// Monaco's editor, JSON and GraphQL workers as Vite worker chunks of this build (GraphiQL's
// documented Vite setup): each is a file of this origin, nothing is fetched from a CDN.
import 'graphiql/setup-workers/vite';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { completeSignIn } from './dev-sign-in.ts';
import { Explorer } from './Explorer.tsx';
import './explorer.css';

const root = createRoot(document.getElementById('explorer')!);
// Back from the development sign-in (/graphql?code=…&state=…): GraphiQL starts once the token is
// in, so its first schema request carries it.
const returning = new URLSearchParams(location.search).has('state');
if (returning) root.render(<p className="explorer-status" role="status">Signing in…</p>);
void completeSignIn().then((signInProblem) =>
  root.render(
    <StrictMode>
      <Explorer signInProblem={signInProblem} />
    </StrictMode>,
  ),
);
