import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { base64url, importJWK, SignJWT, type CryptoKey, type JWK, type JWSHeaderParameters } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readServiceConfig } from '../src/config.ts';
import { DEV_AUDIENCE, DEV_ISSUER, DevIssuer } from '../src/identity/dev-issuer.ts';
import { signDevToken } from '../src/identity/dev-token.ts';
import { createTokenVerifier, type TokenVerifier } from '../src/identity/verifier.ts';

const ORG = '0d3e5f6a-7b8c-4d9e-8f01-23456789abcd';
const PATIENT = '1a2b3c4d-5e6f-4a7b-8c9d-0e1f2a3b4c5d';
/** Distinctive, so an error message that echoes the subject is caught. */
const SUBJECT = 'subject-7Qx3Kz';

const nowSeconds = () => Math.floor(Date.now() / 1000);

/**
 * The development issuer as the platform trusts it without AUTH_JWKS_URL: a verifier over a key
 * file, and tokens that break exactly one rule each. Every one must be refused as UNAUTHENTICATED,
 * with a message that quotes neither the token nor a claim value.
 */
describe('token verification (development issuer)', () => {
  let dir: string;
  let keyFile: string;
  let verifier: TokenVerifier;
  let trusted: { kid: string; privateKey: CryptoKey; publicJwk: JWK };

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'caregraph-verifier-'));
    keyFile = join(dir, 'dev-issuer.json');
    const issuer = await DevIssuer.open(keyFile);
    const stored = JSON.parse(readFileSync(keyFile, 'utf8')) as { kid: string; privateJwk: JWK };
    trusted = { kid: stored.kid, privateKey: (await importJWK(stored.privateJwk, 'ES256')) as CryptoKey, publicJwk: issuer.jwks.keys[0]! };
    verifier = await createTokenVerifier(readServiceConfig({ AUTH_DEV_KEY_FILE: keyFile }, { port: 0 }).auth);
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  /** Claims of an acceptable org_admin token; each case overrides what it breaks. */
  const claims = (overrides: Record<string, unknown> = {}): Record<string, unknown> => ({
    iss: DEV_ISSUER,
    aud: DEV_AUDIENCE,
    sub: SUBJECT,
    role: 'org_admin',
    org: ORG,
    amr: ['pwd', 'mfa'],
    iat: nowSeconds(),
    exp: nowSeconds() + 300,
    ...overrides,
  });

  /** Signs with the trusted key, so only what the case changes can make the token unacceptable. */
  const signTrusted = (payload: Record<string, unknown>, header: Partial<JWSHeaderParameters> = {}) =>
    new SignJWT(payload).setProtectedHeader({ alg: 'ES256', kid: trusted.kid, typ: 'JWT', ...header }).sign(trusted.privateKey);

  const encode = (value: unknown) => base64url.encode(JSON.stringify(value));

  async function expectRefused(token: string, reason: RegExp, echoes: string[] = []) {
    const error: unknown = await verifier.verify(token).then(
      () => null,
      (thrown: unknown) => thrown,
    );
    expect(error, 'the token was accepted').toMatchObject({ extensions: { code: 'UNAUTHENTICATED' } });
    expect((error as Error).message).toMatch(reason);
    const shown = JSON.stringify({ message: (error as Error).message, extensions: (error as { extensions?: unknown }).extensions });
    for (const part of [token, ...token.split('.').filter((part) => part.length >= 16), SUBJECT, ORG, ...echoes]) {
      expect(shown).not.toContain(part);
    }
  }

  describe('accepts', () => {
    it('a development token, as the viewer its claims describe', async () => {
      const token = await signDevToken(keyFile, { role: 'clinician', sub: SUBJECT, org: ORG, mfa: true, scope: 'patients:read devices:read' });
      await expect(verifier.verify(token)).resolves.toEqual({
        sub: SUBJECT,
        role: 'clinician',
        organizationId: ORG,
        scopes: ['patients:read', 'devices:read'],
        patientId: null,
        deviceId: null,
        mfa: true,
        clientId: null,
      });
    });

    it('a patient token naming its patient, without MFA', async () => {
      const token = await signDevToken(keyFile, { role: 'patient', sub: SUBJECT, org: ORG, patient: PATIENT });
      await expect(verifier.verify(token)).resolves.toMatchObject({ role: 'patient', patientId: PATIENT, organizationId: ORG, mfa: false });
    });

    it('a token that expired within the clock tolerance (10 s ago)', async () => {
      const viewer = await verifier.verify(await signTrusted(claims({ iat: nowSeconds() - 600, exp: nowSeconds() - 10 })));
      expect(viewer.sub).toBe(SUBJECT);
    });

    it('a token that lives exactly AUTH_MAX_TOKEN_AGE (default 24 h)', async () => {
      const iat = nowSeconds() - 60;
      await expect(verifier.verify(await signTrusted(claims({ iat, exp: iat + 86_400 })))).resolves.toMatchObject({ sub: SUBJECT });
    });

    it('a token issued within the clock tolerance in the future (a clock 10 s ahead)', async () => {
      await expect(verifier.verify(await signTrusted(claims({ iat: nowSeconds() + 10 })))).resolves.toMatchObject({ sub: SUBJECT });
    });

    it('the longest token pnpm dev-token prints (--ttl 86400)', async () => {
      const token = await signDevToken(keyFile, { role: 'analyst', sub: SUBJECT, ttl: 86_400 });
      await expect(verifier.verify(token)).resolves.toMatchObject({ role: 'analyst' });
    });
  });

  describe('refuses', () => {
    it('an unsigned token (alg "none")', async () => {
      await expectRefused(`${encode({ alg: 'none', typ: 'JWT' })}.${encode(claims())}.`, /algorithm not allowed/);
    });

    it('an unsigned token that names the trusted key', async () => {
      await expectRefused(`${encode({ alg: 'none', kid: trusted.kid, typ: 'JWT' })}.${encode(claims())}.`, /algorithm not allowed/);
    });

    it('HS256 keyed with the public JWK as JSON (algorithm confusion)', async () => {
      const secret = new TextEncoder().encode(JSON.stringify(trusted.publicJwk));
      const token = await new SignJWT(claims()).setProtectedHeader({ alg: 'HS256', kid: trusted.kid, typ: 'JWT' }).sign(secret);
      await expectRefused(token, /algorithm not allowed/);
    });

    it('HS256 keyed with the public key’s x coordinate (algorithm confusion)', async () => {
      const secret = base64url.decode(trusted.publicJwk.x!);
      const token = await new SignJWT(claims()).setProtectedHeader({ alg: 'HS256', kid: trusted.kid, typ: 'JWT' }).sign(secret);
      await expectRefused(token, /algorithm not allowed/);
    });

    it.each([
      ['a NUL', 'evil\u0000sub'],
      ['a line break', 'evil\nsub'],
      ['a direction override', 'admin\u202e1-nimda'],
      ['256 characters', 's'.repeat(256)],
    ])('a subject holding %s (it would reach logs and the audit trail)', async (_, sub) => {
      await expectRefused(await signTrusted(claims({ sub })), /subject that is not printable/);
    });

    it('an expired token, beyond the clock tolerance (40 s ago)', async () => {
      await expectRefused(await signTrusted(claims({ iat: nowSeconds() - 600, exp: nowSeconds() - 40 })), /expired/);
    });

    it('a token not valid yet (nbf in two minutes)', async () => {
      await expectRefused(await signTrusted(claims({ nbf: nowSeconds() + 120 })), /"nbf"/);
    });

    it('a token without an expiry', async () => {
      const { exp: _omitted, ...rest } = claims();
      await expectRefused(await signTrusted(rest), /"exp"/);
    });

    it('a token without an issue time (its lifetime cannot be known)', async () => {
      const { iat: _omitted, ...rest } = claims();
      await expectRefused(await signTrusted(rest), /"iat"/);
    });

    it('a token that lives longer than AUTH_MAX_TOKEN_AGE (24 h and a second)', async () => {
      const iat = nowSeconds();
      await expectRefused(await signTrusted(claims({ iat, exp: iat + 86_401 })), /valid for longer than this platform accepts/, ['86401', '86400']);
    });

    it('a long-lived token even when little of its life is left (issued a year ago, expires in 5 min)', async () => {
      await expectRefused(await signTrusted(claims({ iat: nowSeconds() - 31_536_000 })), /valid for longer/);
    });

    it('a token issued in the future beyond the clock tolerance (in two minutes)', async () => {
      await expectRefused(await signTrusted(claims({ iat: nowSeconds() + 120, exp: nowSeconds() + 600 })), /"iat"/);
    });

    it('a token within a shorter AUTH_MAX_TOKEN_AGE of another deployment (1 h)', async () => {
      const strict = await createTokenVerifier(readServiceConfig({ AUTH_DEV_KEY_FILE: keyFile, AUTH_MAX_TOKEN_AGE: '3600' }, { port: 0 }).auth);
      const iat = nowSeconds();
      await expect(strict.verify(await signTrusted(claims({ iat, exp: iat + 3_600 })))).resolves.toMatchObject({ sub: SUBJECT });
      await expect(strict.verify(await signTrusted(claims({ iat, exp: iat + 3_601 })))).rejects.toMatchObject({ extensions: { code: 'UNAUTHENTICATED' } });
    });

    it('another issuer', async () => {
      await expectRefused(await signTrusted(claims({ iss: 'https://evil.test/issuer-9Xw' })), /"iss"/, ['evil.test', 'issuer-9Xw']);
    });

    it('another audience', async () => {
      await expectRefused(await signTrusted(claims({ aud: 'billing-api-4Fz' })), /"aud"/, ['billing-api-4Fz']);
    });

    it('a token signed by an unknown key (another ES256 issuer, its own kid)', async () => {
      const stranger = await DevIssuer.open(join(dir, 'stranger.json'));
      expect(stranger.jwks.keys[0]!.kid).not.toBe(trusted.kid);
      const token = await stranger.sign({ role: 'org_admin', org: ORG, amr: ['mfa'] }, { subject: SUBJECT, ttlSeconds: 300 });
      await expectRefused(token, /unknown signing key/);
    });

    it('a token signed by another key that claims the trusted kid', async () => {
      await DevIssuer.open(join(dir, 'impostor.json'));
      const { privateJwk } = JSON.parse(readFileSync(join(dir, 'impostor.json'), 'utf8')) as { privateJwk: JWK };
      const token = await new SignJWT(claims())
        .setProtectedHeader({ alg: 'ES256', kid: trusted.kid, typ: 'JWT' })
        .sign(await importJWK(privateJwk, 'ES256'));
      await expectRefused(token, /bad signature/);
    });

    it('a tampered payload (organization changed, signature kept)', async () => {
      const [header, , signature] = (await signTrusted(claims())).split('.');
      const otherOrg = '9f8e7d6c-5b4a-4392-8170-fedcba987654';
      await expectRefused(`${header}.${encode(claims({ org: otherOrg }))}.${signature}`, /bad signature/, [otherOrg]);
    });

    it('a tampered payload (role raised, signature kept)', async () => {
      const [header, , signature] = (await signTrusted(claims({ role: 'analyst', org: undefined }))).split('.');
      await expectRefused(`${header}.${encode(claims())}.${signature}`, /bad signature/);
    });

    it('an unknown role', async () => {
      await expectRefused(await signTrusted(claims({ role: 'superuser-8Jq' })), /no known role/, ['superuser-8Jq']);
    });

    it('an organization claim that is not a caregraph id', async () => {
      await expectRefused(await signTrusted(claims({ org: 'acme-hospital-3Vd' })), /organization claim/, ['acme-hospital-3Vd']);
    });

    it('an organization role without an organization', async () => {
      await expectRefused(await signTrusted(claims({ org: undefined })), /no organization/);
    });

    it('a patient token that names no patient', async () => {
      await expectRefused(await signTrusted(claims({ role: 'patient', amr: ['pwd'] })), /names no patient/);
    });

    it('a patient token whose patient claim is not a caregraph id', async () => {
      await expectRefused(await signTrusted(claims({ role: 'patient', patient_id: 'MRN-0042-5Rt' })), /patient claim/, ['MRN-0042-5Rt']);
    });

    it('a device token that names no device', async () => {
      await expectRefused(await signTrusted(claims({ role: 'device', amr: undefined })), /names no device/);
    });

    it('a token of another type (typ "id+jwt")', async () => {
      await expectRefused(await signTrusted(claims(), { typ: 'id+jwt' }), /unexpected type/);
    });

    it('a malformed token', async () => {
      await expectRefused('eyJhbGciOiJFUzI1NiJ9.not-base64-json-here', /malformed/);
    });
  });
});
