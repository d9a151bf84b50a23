// `node dist/scripts/caregraph.js <service> [args…]`: the image's entry point, one command for every
// service a deployment runs, so that one image serves them all (deploy/Dockerfile, docs/deploying.md).
// Each service is loaded only when named: its own entry point registers telemetry before anything else.
const SERVICES = {
  router: { load: () => import('@caregraph/router/main'), does: 'the router (SUPERGRAPH_CONFIG decides which subgraphs are in-process)' },
  patients: { load: () => import('@caregraph/patients/main'), does: 'the patients subgraph in its own process' },
  devices: { load: () => import('@caregraph/devices/main'), does: 'the devices subgraph in its own process' },
  observations: { load: () => import('@caregraph/observations/main'), does: 'the observations subgraph in its own process' },
  audit: { load: () => import('@caregraph/audit/main'), does: 'the audit subgraph in its own process' },
  migrate: { load: () => import('./migrate.ts'), does: "apply every domain's migrations, then exit (pnpm db:migrate)" },
  'audit-verify': { load: () => import('./audit-verify.ts'), does: 'check every audit chain; exit 1 if one is broken (pnpm audit:verify)' },
  'keys-rotate': { load: () => import('./keys-rotate.ts'), does: 'new key-encryption key version, data keys re-wrapped (pnpm keys:rotate)' },
  healthcheck: { load: () => import('./healthcheck.ts'), does: "exit 0 when this container's service answers /healthz" },
} satisfies Record<string, { load: () => Promise<unknown>; does: string }>;

const name = process.argv[2];
if (!name || !Object.hasOwn(SERVICES, name)) {
  const width = Math.max(...Object.keys(SERVICES).map((key) => key.length));
  const list = Object.entries(SERVICES).map(([key, { does }]) => `  ${key.padEnd(width)}  ${does}`);
  console.error(`${name ? `Unknown service: ${name}\n` : ''}Usage: caregraph <service> [args…]\n${list.join('\n')}`);
  process.exit(2);
}
// The service sees its own arguments only, as when started directly.
process.argv.splice(2, 1);
await SERVICES[name as keyof typeof SERVICES].load();
