import { createHash, createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { writeSecretFileOnce } from './dev-issuer.ts';

/** The header by which a subgraph knows a call came from the router (or a peer subgraph). */
export const ROUTER_PROOF_HEADER = 'x-caregraph-router-proof';
/** How old a proof may be; it also binds the operation, so a captured one cannot carry another. */
const MAX_AGE_MS = 60_000;
const MAX_SKEW_MS = 5_000;
/** One spelling only: a header that verifies can be written exactly one way. */
const HEADER = /^v1\.(\d{1,15})\.([0-9a-f]{64})$/;

type Operation = { query?: unknown; variables?: unknown; operationName?: unknown };

/**
 * Proof that a subgraph call comes from inside the platform: an HMAC, under a secret only the
 * router and the subgraphs hold, of a timestamp and the operation (query and variables) it carries.
 */
export class RouterProof {
  constructor(private readonly secret: Buffer) {
    if (secret.length < 32) throw new Error('the router secret must be at least 32 bytes');
  }

  /** The secret from ROUTER_SECRET, else a file created on first use (shared by local processes). */
  static fromConfig(secret: string | undefined, file: string): RouterProof {
    if (secret) return new RouterProof(Buffer.from(secret, 'utf8'));
    if (!existsSync(file)) writeSecretFileOnce(file, randomBytes(32).toString('hex'));
    return new RouterProof(Buffer.from(readFileSync(file, 'utf8').trim(), 'utf8'));
  }

  sign(operation: Operation, now = Date.now()): string {
    return `v1.${now}.${this.mac(now, operation)}`;
  }

  verify(header: string | undefined, operation: Operation, now = Date.now()): boolean {
    const match = HEADER.exec(header ?? '');
    if (!match || typeof operation.query !== 'string') return false;
    const time = Number(match[1]);
    if (time > now + MAX_SKEW_MS || time < now - MAX_AGE_MS) return false;
    const expected = Buffer.from(this.mac(time, operation), 'hex');
    const given = Buffer.from(match[2]!, 'hex');
    return given.length === expected.length && timingSafeEqual(given, expected);
  }

  /** Binds the whole operation: document, variables and the operation chosen within it. */
  private mac(time: number, operation: Operation): string {
    const digest = createHash('sha256')
      .update(typeof operation.query === 'string' ? operation.query : '')
      .update('\n')
      .update(JSON.stringify(operation.variables ?? null))
      .update('\n')
      .update(typeof operation.operationName === 'string' ? operation.operationName : '')
      .digest('hex');
    return createHmac('sha256', this.secret).update(`${time}.${digest}`).digest('hex');
  }
}
