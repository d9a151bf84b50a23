import { useMemo } from 'react';
import { Navigate, Route, Routes, useLocation } from 'react-router';
import { Provider } from 'urql';
import { useAuth } from '../auth/AuthProvider.tsx';
import { CALLBACK_PATH } from '../auth/oidc.ts';
import { createGraphqlClient } from '../graphql/client.ts';
import { AuthCallback } from '../views/sign-in/AuthCallback.tsx';
import { SignIn } from '../views/sign-in/SignIn.tsx';
import { AuditTrail } from '../views/audit/AuditTrail.tsx';
import { DeviceFleet } from '../views/devices/DeviceFleet.tsx';
import { MyPatients } from '../views/patients/MyPatients.tsx';
import { PatientPage } from '../views/patient/PatientPage.tsx';
import { MyRecord } from '../views/my-record/MyRecord.tsx';
import { Layout } from './Layout.tsx';
import { landingFor, routes } from './routes.ts';

export function App() {
  const { session, signOut } = useAuth();
  const location = useLocation();
  // One client (and one cache) per session: nothing one user loaded is shown to the next.
  const client = useMemo(() => (session ? createGraphqlClient(session.accessToken, signOut) : null), [session, signOut]);

  if (location.pathname === CALLBACK_PATH) return <AuthCallback />;
  if (!session || !client) {
    if (location.pathname === routes.signIn) return <SignIn />;
    const returnTo = `${location.pathname}${location.search}`;
    return <Navigate to={`${routes.signIn}${returnTo !== '/' ? `?returnTo=${encodeURIComponent(returnTo)}` : ''}`} replace />;
  }
  return (
    <Provider value={client}>
      <Layout>
        <Routes>
          <Route path={routes.home} element={<Navigate to={landingFor(session.principal.role)} replace />} />
          <Route path={routes.signIn} element={<Navigate to={landingFor(session.principal.role)} replace />} />
          <Route path={routes.patients} element={<MyPatients />} />
          <Route path="/patients/:patientId" element={<PatientPage />} />
          <Route path={routes.devices} element={<DeviceFleet />} />
          <Route path={routes.audit} element={<AuditTrail />} />
          <Route path={routes.myRecord} element={<MyRecord />} />
          <Route path="*" element={<NotFound />} />
        </Routes>
      </Layout>
    </Provider>
  );
}

function NotFound() {
  return (
    <section className="panel">
      <h1>Page not found</h1>
      <p>There is no view at this address.</p>
    </section>
  );
}
