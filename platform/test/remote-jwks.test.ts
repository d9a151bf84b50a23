import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { exportJWK, generateKeyPair, SignJWT, type CryptoKey, type JWK } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readServiceConfig } from '../src/config.ts';
import { createTokenVerifier } from '../src/identity/verifier.ts';

const ORG = '6f0c7c52-8d6e-4d1f-9a55-2a1c1a0b9e11';

/**
 * An OIDC provider as caregraph sees one: a JWKS URL, an issuer, an audience and its own claim
 * layout (here Keycloak's realm roles). Served over real HTTP on loopback.
 */
describe('tokens from an external identity provider (AUTH_JWKS_URL)', () => {
  let server: Server;
  let jwks: { keys: JWK[] } = { keys: [] };
  let fetches = 0;
  let url = '';
  const keys: { kid: string; privateKey: CryptoKey }[] = [];

  async function addKey(): Promise<{ kid: string; privateKey: CryptoKey }> {
    const { publicKey, privateKey } = await generateKeyPair('RS256', { extractable: true });
    const kid = `key-${keys.length + 1}`;
    jwks = { keys: [...jwks.keys, { ...(await exportJWK(publicKey)), kid, alg: 'RS256', use: 'sig' }] };
    const key = { kid, privateKey };
    keys.push(key);
    return key;
  }

  function sign(key: { kid: string; privateKey: CryptoKey }, claims: Record<string, unknown> = {}) {
    return new SignJWT({ realm_access: { roles: ['offline_access', 'clinician'] }, tenant: ORG, amr: ['pwd', 'otp'], ...claims })
      .setProtectedHeader({ alg: 'RS256', kid: key.kid, typ: 'JWT' })
      .setIssuer('https://idp.test/realms/care')
      .setAudience('caregraph-api')
      .setSubject('dr-who')
      .setIssuedAt()
      .setExpirationTime('5m')
      .sign(key.privateKey);
  }

  beforeAll(async () => {
    await addKey();
    server = createServer((_req, res) => {
      fetches += 1;
      res.setHeader('content-type', 'application/json');
      res.end(JSON.stringify(jwks));
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/certs`;
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  const verifierFor = (cooldownMs = 30_000) =>
    createTokenVerifier(
      readServiceConfig(
        {
          AUTH_JWKS_URL: url,
          AUTH_ISSUER: 'https://idp.test/realms/care',
          AUTH_AUDIENCE: 'caregraph-api',
          AUTH_ROLE_CLAIM: 'realm_access.roles',
          AUTH_ORG_CLAIM: 'tenant',
          AUTH_JWKS_COOLDOWN_MS: String(cooldownMs),
        },
        { port: 0 },
      ).auth,
    );

  it('verifies the provider’s token and maps its claims by configuration alone', async () => {
    const verifier = await verifierFor();
    const viewer = await verifier.verify(await sign(keys[0]!));
    expect(viewer).toMatchObject({ sub: 'dr-who', role: 'clinician', organizationId: ORG, mfa: true });
  });

  it('caches the key set between tokens', async () => {
    const verifier = await verifierFor();
    const before = fetches;
    await verifier.verify(await sign(keys[0]!));
    await verifier.verify(await sign(keys[0]!));
    expect(fetches - before).toBe(1);
  });

  it('refetches the key set for an unknown key id (rotation), but not within the cool-down', async () => {
    const patient = await verifierFor(0);
    const strict = await verifierFor(60_000);
    await patient.verify(await sign(keys[0]!));
    await strict.verify(await sign(keys[0]!));
    const rotated = await addKey();
    const before = fetches;
    // Within the cool-down an unknown kid is refused without asking the provider again.
    await expect(strict.verify(await sign(rotated))).rejects.toMatchObject({ extensions: { code: 'UNAUTHENTICATED' } });
    expect(fetches).toBe(before);
    const viewer = await patient.verify(await sign(rotated));
    expect(viewer.sub).toBe('dr-who');
    expect(fetches).toBe(before + 1);
  });

  it('does not trust the development issuer while a provider is configured', async () => {
    const verifier = await verifierFor();
    const { publicKey: _unused, privateKey } = await generateKeyPair('ES256');
    const forged = await new SignJWT({ role: 'org_admin', org: ORG, amr: ['mfa'] })
      .setProtectedHeader({ alg: 'ES256', kid: 'dev', typ: 'JWT' })
      .setIssuer('caregraph-dev')
      .setAudience('caregraph')
      .setSubject('x')
      .setExpirationTime('5m')
      .sign(privateKey);
    await expect(verifier.verify(forged)).rejects.toMatchObject({ extensions: { code: 'UNAUTHENTICATED' } });
  });

  it('refuses the configuration when issuer or audience is missing, or an HMAC algorithm is allowed', () => {
    expect(() => readServiceConfig({ AUTH_JWKS_URL: url }, { port: 0 })).toThrow(/AUTH_ISSUER[\s\S]*AUTH_AUDIENCE/);
    expect(() =>
      readServiceConfig({ AUTH_JWKS_URL: url, AUTH_ISSUER: 'i', AUTH_AUDIENCE: 'a', AUTH_ALGORITHMS: 'RS256,HS256' }, { port: 0 }),
    ).toThrow(/AUTH_ALGORITHMS/);
  });
});
