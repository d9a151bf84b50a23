import type { ServiceConfig } from '@caregraph/platform';
import type { RunningPlatform } from './platform.ts';

/** What `pnpm start` prints: where the API is and something to try first. */
export function printWelcome(platform: RunningPlatform, config: ServiceConfig): void {
  const database = !platform.database
    ? 'each subgraph process with its own database'
    : config.databaseUrl
      ? 'PostgreSQL (DATABASE_URL)'
      : `embedded PGlite in ${config.pgliteDir ?? 'memory'}`;
  const lines = [
    '',
    `caregraph is running (${platform.mode}, ${database})`,
    `  GraphQL:  ${platform.url}`,
    `  Health:   ${platform.url.replace(/\/graphql$/, '/healthz')}  ${platform.url.replace(/\/graphql$/, '/readyz')}`,
  ];
  if (platform.seeded) {
    const plan = platform.seeded;
    lines.push(
      `  Demo data: ${plan.organizations.length} organizations, ${plan.patients.length} patients, ${plan.devices.length} devices, ${plan.observationCount} observations`,
    );
  }
  lines.push(
    '',
    'Try:',
    `  curl -s ${platform.url} -H 'content-type: application/json' \\`,
    `    -d '{"query":"{ patients(first: 3) { edges { node { id name { text } devices { kind } latestVitals { code value unit } } } } }"}'`,
    '',
  );
  console.log(lines.join('\n'));
}
