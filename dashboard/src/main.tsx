import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { BrowserRouter } from 'react-router';
import { App } from './app/App.tsx';
import { AuthProvider } from './auth/AuthProvider.tsx';
import { takeFragmentToken } from './auth/fragment-token.ts';
import { loadSession } from './auth/session.ts';
import './styles.css';

// Before anything renders: a `#token=` in the address is taken out of it at once.
const fragment = takeFragmentToken();
const initial = fragment.session ?? loadSession();

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <AuthProvider initial={initial} fragmentRejected={fragment.rejected}>
      <BrowserRouter>
        <App />
      </BrowserRouter>
    </AuthProvider>
  </StrictMode>,
);
