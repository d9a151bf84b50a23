import { planDemoData, SMALL_DEMO, type ServiceConfig } from '@caregraph/platform';
import type { RunningPlatform } from './platform.ts';

/** What `pnpm start` prints: where the API is, and how to sign in and ask something first. */
export function printWelcome(platform: RunningPlatform, config: ServiceConfig): void {
  const database = !platform.database
    ? 'each subgraph process with its own database'
    : config.databaseUrl
      ? 'PostgreSQL (DATABASE_URL)'
      : `embedded PGlite in ${config.pgliteDir ?? 'memory'}`;
  const lines = [
    '',
    `caregraph is running (${platform.mode}, ${database})`,
    ...(config.dashboard.enabled ? [`  Dashboard: ${platform.url.replace(/\/graphql$/, '/')}${config.auth.jwksUrl ? '' : '  (development sign-in: pick a demo principal)'}`] : []),
    `  GraphQL:  ${platform.url}`,
    `  Health:   ${platform.url.replace(/\/graphql$/, '/healthz')}  ${platform.url.replace(/\/graphql$/, '/readyz')}`,
  ];
  if (platform.seeded) {
    const plan = platform.seeded;
    lines.push(
      `  Demo data: ${plan.organizations.length} organizations, ${plan.patients.length} patients, ${plan.devices.length} devices, ${plan.observationCount} observations`,
    );
  }
  if (config.auth.jwksUrl) {
    lines.push(`  Tokens:   from ${config.auth.issuer} (AUTH_JWKS_URL)`, '');
  } else {
    // The demo data is deterministic, so these ids exist whenever it was seeded.
    const plan = planDemoData(SMALL_DEMO);
    const organization = plan.organizations[0]!;
    const clinician = plan.patients[0]!.careTeam[0]!;
    lines.push(
      '  Tokens:   development issuer (pnpm dev-token); see docs/access-model.md',
      '',
      'Try, as a clinician of the demo organization (signed in with MFA):',
      `  TOKEN=$(pnpm -s dev-token --role clinician --org ${organization.id} --sub ${clinician} --mfa)`,
      `  curl -s ${platform.url} -H "authorization: Bearer $TOKEN" -H 'content-type: application/json' \\`,
      `    -d '{"query":"{ patients(first: 3) { edges { node { id name { text } devices { kind } latestVitals { code value unit } } } } }"}'`,
      '',
    );
  }
  console.log(lines.join('\n'));
}
