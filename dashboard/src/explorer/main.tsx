// Monaco's editor, JSON and GraphQL workers as Vite worker chunks of this build (GraphiQL's
// documented Vite setup): each is a file of this origin, nothing is fetched from a CDN.
import 'graphiql/setup-workers/vite';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { Explorer } from './Explorer.tsx';
import './explorer.css';

createRoot(document.getElementById('explorer')!).render(
  <StrictMode>
    <Explorer />
  </StrictMode>,
);
