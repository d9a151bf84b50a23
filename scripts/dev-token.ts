// `pnpm dev-token --role <role> --sub <id> [--org <id>] [--patient <id>] [--device <id>]
//   [--scope "<scopes>"] [--client <id>] [--mfa] [--ttl <seconds>]` prints a token signed by the local development
// issuer, which the platform trusts only while no AUTH_JWKS_URL is configured.
import { parseArgs } from 'node:util';
import { isRole, readServiceConfig, ROLES, SCOPES, signDevToken } from '@caregraph/platform';

const { values } = parseArgs({
  options: {
    role: { type: 'string' },
    sub: { type: 'string' },
    org: { type: 'string' },
    patient: { type: 'string' },
    device: { type: 'string' },
    scope: { type: 'string' },
    client: { type: 'string' },
    mfa: { type: 'boolean', default: false },
    ttl: { type: 'string', default: '3600' },
    help: { type: 'boolean', short: 'h' },
  },
});

function usage(problem?: string): never {
  if (problem) console.error(`dev-token: ${problem}\n`);
  console.error(`Usage: pnpm dev-token --role <role> --sub <subject> [--org <organization id>] [--patient <id>]
                       [--device <id>] [--scope "<scopes>"] [--client <id>] [--mfa] [--ttl <seconds>]
  roles:  ${ROLES.join(', ')}
  scopes: ${SCOPES.join(', ')} (integrators)
  --client  the OAuth client id (azp): a client listed in trusted-documents.json runs only its registered operations
  --mfa   clinicians, org admins and auditors need it`);
  process.exit(problem ? 2 : 0);
}

if (values.help) usage();
if (!isRole(values.role)) usage('--role must be one of the roles');
if (!values.sub) usage('--sub is required');
const config = readServiceConfig(process.env, { port: 0 });
// The platform refuses a token that lives longer than AUTH_MAX_TOKEN_AGE: never print one it would refuse.
const maxTtl = config.auth.maxTokenAgeSeconds;
const ttl = Number(values.ttl);
if (!Number.isInteger(ttl) || ttl < 1 || ttl > maxTtl) usage(`--ttl must be 1 to ${maxTtl} seconds (AUTH_MAX_TOKEN_AGE)`);

if (config.auth.jwksUrl) console.error('dev-token: AUTH_JWKS_URL is set, so the platform will not trust this token.');
console.log(
  await signDevToken(config.auth.devKeyFile, {
    role: values.role,
    sub: values.sub,
    org: values.org,
    patient: values.patient,
    device: values.device,
    scope: values.scope,
    client: values.client,
    mfa: values.mfa,
    ttl,
  }),
);
