import type { Role } from '../auth/principal.ts';

/** Every view is a route with a shareable URL; these build them. */
export const routes = {
  home: '/',
  signIn: '/sign-in',
  patients: '/patients',
  patient: (id: string) => `/patients/${encodeURIComponent(id)}`,
  devices: '/devices',
  audit: '/audit',
  myRecord: '/me',
} as const;

export interface NavItem {
  to: string;
  label: string;
}

/** The views each role has: the navigation shows only those (the API still decides every field). */
export function navigationFor(role: Role): NavItem[] {
  switch (role) {
    case 'clinician':
      return [{ to: routes.patients, label: 'My patients' }];
    case 'org_admin':
      return [
        { to: routes.patients, label: 'Patients' },
        { to: routes.devices, label: 'Devices' },
      ];
    case 'analyst':
      return [{ to: routes.patients, label: 'Patients' }];
    case 'auditor':
      return [{ to: routes.audit, label: 'Audit trail' }];
    case 'patient':
      return [{ to: routes.myRecord, label: 'My record' }];
    default:
      return [];
  }
}

export function landingFor(role: Role): string {
  return navigationFor(role)[0]?.to ?? routes.signIn;
}
