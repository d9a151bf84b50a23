import { createHash, createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { writeSecretFileOnce } from './dev-issuer.ts';

/** The header by which a subgraph knows a call came from the router (or a peer subgraph). */
export const ROUTER_PROOF_HEADER = 'x-caregraph-router-proof';
/** How old a proof may be; it also binds the operation, so a captured one cannot carry another. */
const MAX_AGE_MS = 60_000;
const MAX_SKEW_MS = 5_000;
/** One spelling only: a header that verifies can be written exactly one way. */
const HEADER = /^v1\.(router|peer|service)\.(\d{1,15})\.([0-9a-f]{64})$/;

/**
 * On whose behalf a call is made, signed with the operation so it cannot be changed in transit:
 * - `router`: the router, for a signed-in caller (whose token comes along); the subgraph hands its
 *   access records back to the router, which records the whole request's accesses at once;
 * - `peer`: a subgraph asking another for a signed-in caller; the called subgraph records them;
 * - `service`: the platform itself, with no caller and no token (recording the audit trail).
 */
export type ProofKind = 'router' | 'peer' | 'service';

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

  sign(operation: Operation, kind: ProofKind, now = Date.now()): string {
    return `v1.${kind}.${now}.${this.mac(kind, now, operation)}`;
  }

  /** The kind of call the header proves for this operation, or null if it proves nothing. */
  verify(header: string | undefined, operation: Operation, now = Date.now()): ProofKind | null {
    const match = HEADER.exec(header ?? '');
    if (!match || typeof operation.query !== 'string') return null;
    const kind = match[1] as ProofKind;
    const time = Number(match[2]);
    if (time > now + MAX_SKEW_MS || time < now - MAX_AGE_MS) return null;
    const expected = Buffer.from(this.mac(kind, time, operation), 'hex');
    const given = Buffer.from(match[3]!, 'hex');
    return given.length === expected.length && timingSafeEqual(given, expected) ? kind : null;
  }

  /** Binds the kind of call, the moment and the whole operation: document, variables, operation chosen. */
  private mac(kind: ProofKind, time: number, operation: Operation): string {
    const digest = createHash('sha256')
      .update(typeof operation.query === 'string' ? operation.query : '')
      .update('\n')
      .update(JSON.stringify(operation.variables ?? null))
      .update('\n')
      .update(typeof operation.operationName === 'string' ? operation.operationName : '')
      .digest('hex');
    return createHmac('sha256', this.secret).update(`${kind}.${time}.${digest}`).digest('hex');
  }
}
