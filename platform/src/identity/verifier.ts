import { createLocalJWKSet, createRemoteJWKSet, errors, jwtVerify, type JWTVerifyGetKey } from 'jose';
import { CaregraphError } from '@caregraph/schema-standards';
import type { Viewer } from '../request.ts';
import { viewerFromClaims, type ClaimNames } from './claims.ts';
import { DEV_AUDIENCE, DEV_ISSUER, DevIssuer } from './dev-issuer.ts';
import { checkTokenLifetime } from './token-lifetime.ts';
import { VerifiedTokens } from './verified-tokens.ts';

export interface AuthConfig {
  /** An OIDC provider's JWKS URL. Unset: trust only the local development issuer. */
  jwksUrl: string | undefined;
  issuer: string;
  audience: string;
  /** Asymmetric algorithms only: an HMAC "signed" with a public key must never verify. */
  algorithms: string[];
  /** Accepted `typ` header values; a token without `typ` is accepted unless `requireTyp`. */
  tokenTypes: string[];
  requireTyp: boolean;
  claims: ClaimNames;
  /** The development issuer's key file. */
  devKeyFile: string;
  /** Seconds of clock difference tolerated on exp/nbf/iat. */
  clockToleranceSeconds: number;
  /** Longest lifetime (`exp - iat`, seconds) of a token accepted; env `AUTH_MAX_TOKEN_AGE`, default 86 400. */
  maxTokenAgeSeconds: number;
  /** Least time between two JWKS fetches, so forged `kid`s cannot hammer the provider. */
  jwksCooldownMs: number;
  /** How long a verified token is taken on trust again without a signature check (0: never). */
  verifiedTokenCacheMs: number;
}

/** Distinct tokens kept verified: far more than the callers one process serves in a minute. */
const VERIFIED_TOKENS_KEPT = 10_000;

export const ASYMMETRIC_ALGORITHMS = ['RS256', 'RS384', 'RS512', 'PS256', 'PS384', 'PS512', 'ES256', 'ES384', 'EdDSA'];

export interface TokenVerifier {
  /** The verified viewer, or CaregraphError UNAUTHENTICATED with a reason safe to show. */
  verify(token: string): Promise<Viewer>;
}

export async function createTokenVerifier(config: AuthConfig): Promise<TokenVerifier> {
  const keys: JWTVerifyGetKey = config.jwksUrl
    ? // jose caches the set, refetches on an unknown `kid`, and waits `cooldownDuration` between fetches.
      createRemoteJWKSet(new URL(config.jwksUrl), { cooldownDuration: config.jwksCooldownMs, cacheMaxAge: 600_000, timeoutDuration: 5_000 })
    : createLocalJWKSet((await DevIssuer.open(config.devKeyFile)).jwks);
  const issuer = config.jwksUrl ? config.issuer : DEV_ISSUER;
  const audience = config.jwksUrl ? config.audience : DEV_AUDIENCE;
  const algorithms = config.algorithms.filter((alg) => ASYMMETRIC_ALGORITHMS.includes(alg));
  const verified = new VerifiedTokens({ maxAgeMs: config.verifiedTokenCacheMs, maxEntries: VERIFIED_TOKENS_KEPT });

  return {
    async verify(token) {
      const known = verified.get(token);
      if (known) return known;
      try {
        const { payload, protectedHeader } = await jwtVerify(token, keys, {
          issuer,
          audience,
          algorithms,
          clockTolerance: config.clockToleranceSeconds,
          requiredClaims: ['exp', 'iat', 'sub'],
        });
        checkTokenLifetime(payload, { maxAgeSeconds: config.maxTokenAgeSeconds, clockToleranceSeconds: config.clockToleranceSeconds });
        const typ = protectedHeader.typ?.toLowerCase();
        if (typ === undefined ? config.requireTyp : !config.tokenTypes.includes(typ)) {
          throw new CaregraphError('UNAUTHENTICATED', 'The token is not acceptable: unexpected type.');
        }
        const viewer = viewerFromClaims(payload, config.claims);
        verified.remember(token, viewer, payload.exp!); // requiredClaims: exp is there
        return viewer;
      } catch (error) {
        if (error instanceof CaregraphError) throw error;
        throw new CaregraphError('UNAUTHENTICATED', `The token is not acceptable: ${reasonOf(error)}.`);
      }
    },
  };
}

/** A short reason for the caller; jose's own messages can quote claim values. */
function reasonOf(error: unknown): string {
  if (error instanceof errors.JWTExpired) return 'expired';
  if (error instanceof errors.JWTClaimValidationFailed) return `claim "${error.claim}" is invalid`;
  if (error instanceof errors.JWSSignatureVerificationFailed) return 'bad signature';
  if (error instanceof errors.JWKSNoMatchingKey) return 'unknown signing key';
  if (error instanceof errors.JOSEAlgNotAllowed) return 'algorithm not allowed';
  if (error instanceof errors.JWTInvalid || error instanceof errors.JWSInvalid) return 'malformed';
  return 'not verifiable';
}
