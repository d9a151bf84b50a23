import { DevIssuer } from './dev-issuer.ts';
import type { Role } from './roles.ts';

export interface DevTokenOptions {
  role: Role;
  sub: string;
  org?: string | undefined;
  patient?: string | undefined;
  device?: string | undefined;
  /** Space-separated integrator scopes. */
  scope?: string | undefined;
  /** The OAuth client the token is issued to (`azp`), e.g. a partner restricted to its registered operations. */
  client?: string | undefined;
  /** Adds `amr: ["pwd", "mfa"]`, as an IdP does after a second factor. */
  mfa?: boolean;
  /** Lifetime in seconds; default one hour. */
  ttl?: number;
}

/** Signs a development token with the local issuer (`pnpm dev-token`, tests). */
export async function signDevToken(keyFile: string, options: DevTokenOptions): Promise<string> {
  return (await DevIssuer.open(keyFile)).sign(devTokenClaims(options), { subject: options.sub, ttlSeconds: options.ttl ?? 3600 });
}

/** The claims of a development token, as an identity provider would put them. */
export function devTokenClaims(options: DevTokenOptions): Record<string, unknown> {
  const claims: Record<string, unknown> = { role: options.role, amr: options.mfa ? ['pwd', 'mfa'] : ['pwd'] };
  if (options.org) claims.org = options.org;
  if (options.patient) claims.patient_id = options.patient;
  if (options.device) claims.device_id = options.device;
  if (options.scope) claims.scope = options.scope;
  if (options.client) claims.azp = options.client;
  return claims;
}
