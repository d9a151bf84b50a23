import { linkSync, mkdirSync, readFileSync, unlinkSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { calculateJwkThumbprint, exportJWK, generateKeyPair, importJWK, SignJWT, type JWK } from 'jose';

export const DEV_ISSUER = 'caregraph-dev';
export const DEV_AUDIENCE = 'caregraph';
const ALGORITHM = 'ES256';

interface KeyFile {
  kid: string;
  privateJwk: JWK;
  publicJwk: JWK;
}

/**
 * The local development issuer: an ES256 key created on first use in a file outside git (mode 0600).
 * The platform trusts it only when no external JWKS is configured.
 */
export class DevIssuer {
  private constructor(private readonly key: KeyFile) {}

  static async open(path: string): Promise<DevIssuer> {
    return new DevIssuer(await loadOrCreate(path));
  }

  /** The public key set tokens are verified against. */
  get jwks(): { keys: JWK[] } {
    return { keys: [{ ...this.key.publicJwk, kid: this.key.kid, alg: ALGORITHM, use: 'sig' }] };
  }

  /** Signs a token for the API (audience `caregraph`), or for another audience (an OIDC ID token's is the client). */
  async sign(claims: Record<string, unknown>, options: { subject: string; ttlSeconds: number; audience?: string }): Promise<string> {
    const privateKey = await importJWK(this.key.privateJwk, ALGORITHM);
    return new SignJWT(claims)
      .setProtectedHeader({ alg: ALGORITHM, kid: this.key.kid, typ: 'JWT' })
      .setIssuer(DEV_ISSUER)
      .setAudience(options.audience ?? DEV_AUDIENCE)
      .setSubject(options.subject)
      .setIssuedAt()
      .setExpirationTime(Math.floor(Date.now() / 1000) + options.ttlSeconds)
      .sign(privateKey);
  }
}

async function loadOrCreate(path: string): Promise<KeyFile> {
  try {
    return JSON.parse(readFileSync(path, 'utf8')) as KeyFile;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
  }
  const { privateKey, publicKey } = await generateKeyPair(ALGORITHM, { extractable: true });
  const publicJwk = await exportJWK(publicKey);
  const key: KeyFile = { kid: await calculateJwkThumbprint(publicJwk), privateJwk: await exportJWK(privateKey), publicJwk };
  writeSecretFileOnce(path, JSON.stringify(key));
  return JSON.parse(readFileSync(path, 'utf8')) as KeyFile;
}

/**
 * Writes a secret file (mode 0600) unless it exists. Written aside and hard-linked into place, so
 * when several processes start at once exactly one wins and nobody reads a half-written file.
 */
export function writeSecretFileOnce(path: string, content: string): void {
  mkdirSync(dirname(path), { recursive: true });
  const scratch = `${path}.${process.pid}.tmp`;
  writeFileSync(scratch, content, { mode: 0o600 });
  try {
    linkSync(scratch, path);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
  } finally {
    unlinkSync(scratch);
  }
}
