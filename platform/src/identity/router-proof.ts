import { createHash, createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { CLIENT_ADDRESS_HEADER, CLIENT_AGENT_HEADER, CLIENT_REQUEST_ID_HEADER, REQUEST_ID_HEADER } from '../http/request-id.ts';
import { writeSecretFileOnce } from './dev-issuer.ts';

/** The header by which a subgraph knows a call came from the router (or a peer subgraph). */
export const ROUTER_PROOF_HEADER = 'x-caregraph-router-proof';
/**
 * Standard trust, which any router sets from configuration: the shared secret a router sends
 * (`ROUTER_CREDENTIAL`), and the one peers send (`PEER_CREDENTIAL`: subgraph to subgraph, and the
 * platform's own service calls). Only a peer may run internal (@inaccessible) operations.
 */
export const ROUTER_CREDENTIAL_HEADER = 'x-caregraph-router-credential';
export const PEER_CREDENTIAL_HEADER = 'x-caregraph-peer-credential';

/** The shared secrets accepted, the one sent first (the others are accepted during a rotation). */
export interface SharedCredentials {
  router: readonly string[];
  peer: readonly string[];
}
/** How old a proof may be. Each is also single-use (its nonce), so this bounds only the memory of nonces. */
const MAX_AGE_MS = 30_000;
const MAX_SKEW_MS = 5_000;
/** One spelling only: a header that verifies can be written exactly one way. */
const HEADER = /^v2\.(router|peer|service)\.(\d{1,15})\.([0-9a-f]{32})\.([0-9a-f]{64})$/;

/**
 * On whose behalf a call is made, signed with the operation so it cannot be changed in transit:
 * - `router`: the router, for a signed-in caller (whose token comes along); the subgraph hands its
 *   access records back to the router, which records the whole request's accesses at once;
 * - `peer`: a subgraph asking another for a signed-in caller; the called subgraph records them;
 * - `service`: the platform itself, with no caller and no token (recording the audit trail).
 */
export type ProofKind = 'router' | 'peer' | 'service';

/**
 * What a proof binds: the operation, the bearer token it travels with (none for a service call),
 * and the headers a subgraph believes only behind a proof ({@link PROVEN_HEADERS}: the request id
 * it records under, the caller's address and user agent), so a proof lends its trust to nothing
 * but the call it was made for.
 */
export type SignedCall = { query?: unknown; variables?: unknown; operationName?: unknown; token?: string | null; headers?: Record<string, string | undefined> };

/** Headers a subgraph takes from the router as facts about the caller, once the proof is checked. */
export const PROVEN_HEADERS = [REQUEST_ID_HEADER, CLIENT_REQUEST_ID_HEADER, CLIENT_ADDRESS_HEADER, CLIENT_AGENT_HEADER] as const;

/** The proven headers of a call, from whatever holds them (a Headers object, a plain record). */
export function provenHeaders(get: (name: string) => string | null | undefined): Record<string, string | undefined> {
  return Object.fromEntries(PROVEN_HEADERS.map((name) => [name, get(name) ?? undefined]));
}

/**
 * Proof that a subgraph call comes from inside the platform: an HMAC, under a secret only the
 * router and the subgraphs hold, of the kind of call, a timestamp, a nonce, the operation (query,
 * variables, operation chosen) and the SHA-256 of the caller's bearer token. Captured on the
 * network it is good for that token and that operation only, and (see {@link verifyOnce}) once.
 */
export class RouterProof {
  /** Nonces of the proofs accepted by verifyOnce, until they would be too old anyway. */
  private readonly used = new Map<string, number>();
  /** SHA-256 of each accepted credential: compared in constant time, whatever the length given. */
  private readonly accepted: { router: Buffer[]; peer: Buffer[] };
  /**
   * The shared credentials this process accepts (the first of each is the current one). caregraph's
   * own router and subgraphs never send them: they sign each call instead; the credentials are for
   * routers that can only send a static header (Hive Gateway, Apollo Router).
   */
  readonly credentials: SharedCredentials;

  constructor(
    private readonly secret: Buffer,
    credentials?: SharedCredentials,
  ) {
    if (secret.length < 32) throw new Error('the router secret must be at least 32 bytes');
    this.credentials = credentials ?? { router: [derive(secret, 'router credential')], peer: [derive(secret, 'peer credential')] };
    this.accepted = { router: this.credentials.router.map(digest), peer: this.credentials.peer.map(digest) };
  }

  /**
   * The proof secret from ROUTER_SECRET, else from the configured credentials, else a file created
   * on first use (shared by local processes); the credentials from ROUTER_CREDENTIAL and
   * PEER_CREDENTIAL (each with its `_PREVIOUS`), else derived from the proof secret.
   */
  static fromConfig(
    secret: string | undefined,
    file: string,
    credentials?: Partial<Record<'router' | 'peer', readonly string[]>>,
    options: { writeFile?: boolean } = {},
  ): RouterProof {
    const configured = credentials?.router?.length && credentials.peer?.length ? (credentials as SharedCredentials) : undefined;
    if (secret) return new RouterProof(Buffer.from(secret, 'utf8'), configured);
    if (configured) return new RouterProof(Buffer.from(derive(Buffer.from(configured.peer[0]!, 'utf8'), 'router proof'), 'utf8'), configured);
    // Trust by mutual TLS in production: no proof or credential is checked, so none is written to disk.
    if (!existsSync(file) && options.writeFile === false) return new RouterProof(randomBytes(32));
    if (!existsSync(file)) writeSecretFileOnce(file, randomBytes(32).toString('hex'));
    return new RouterProof(Buffer.from(readFileSync(file, 'utf8').trim(), 'utf8'));
  }

  /**
   * The kind of call a credential header proves: `router`, or for a peer's credential `peer` (with
   * a caller's token) or `service` (without); null when it proves nothing. Unlike a proof it is not
   * bound to the call: send it over TLS (or inside a network only the platform reaches).
   */
  verifyCredential(header: (name: string) => string | null | undefined, withToken: boolean): ProofKind | null {
    const matches = (given: string | null | undefined, accepted: Buffer[]) => {
      if (!given) return false;
      const hash = digest(given);
      let found = false;
      for (const candidate of accepted) found = timingSafeEqual(hash, candidate) || found;
      return found;
    };
    if (matches(header(PEER_CREDENTIAL_HEADER), this.accepted.peer)) return withToken ? 'peer' : 'service';
    // A router's call without a caller's token is still the router's: the caller's sign-in is what
    // is refused then (recorded once per request, as the router records its own refusals).
    if (matches(header(ROUTER_CREDENTIAL_HEADER), this.accepted.router)) return 'router';
    return null;
  }

  /** A fresh proof for one call (sign again for a retry: a proof is accepted once). */
  sign(call: SignedCall, kind: ProofKind, now = Date.now(), nonce = randomBytes(16).toString('hex')): string {
    return `v2.${kind}.${now}.${nonce}.${this.mac(kind, now, nonce, call)}`;
  }

  /** The kind of call the header proves for this operation and token, or null if it proves nothing. */
  verify(header: string | undefined, call: SignedCall, now = Date.now()): ProofKind | null {
    return this.check(header, call, now)?.kind ?? null;
  }

  /**
   * Like {@link verify}, and a proof whose nonce this process has accepted before proves nothing:
   * a captured proof cannot be replayed here even with the same token and operation. (Another
   * replica of the same subgraph has its own memory: for up to 30 s a replay there passes, for that
   * token and operation only.)
   */
  verifyOnce(header: string | undefined, call: SignedCall, now = Date.now()): ProofKind | null {
    const checked = this.check(header, call, now);
    if (!checked) return null;
    this.forgetExpired(now);
    if (this.used.has(checked.nonce)) return null;
    this.used.set(checked.nonce, checked.time + MAX_AGE_MS);
    return checked.kind;
  }

  private check(header: string | undefined, call: SignedCall, now: number): { kind: ProofKind; time: number; nonce: string } | null {
    const match = HEADER.exec(header ?? '');
    if (!match || typeof call.query !== 'string') return null;
    const kind = match[1] as ProofKind;
    const time = Number(match[2]);
    const nonce = match[3]!;
    if (time > now + MAX_SKEW_MS || time < now - MAX_AGE_MS) return null;
    const expected = Buffer.from(this.mac(kind, time, nonce, call), 'hex');
    const given = Buffer.from(match[4]!, 'hex');
    return given.length === expected.length && timingSafeEqual(given, expected) ? { kind, time, nonce } : null;
  }

  private forgetExpired(now: number): void {
    // Insertion order is close to expiry order (stamps are within the skew of each other).
    for (const [nonce, expires] of this.used) {
      if (expires > now - MAX_SKEW_MS) break;
      this.used.delete(nonce);
    }
  }

  /** Binds the kind of call, the moment, the nonce, the whole operation and the token's hash. */
  private mac(kind: ProofKind, time: number, nonce: string, call: SignedCall): string {
    const digest = createHash('sha256')
      .update(typeof call.query === 'string' ? call.query : '')
      .update('\n')
      .update(JSON.stringify(call.variables ?? null))
      .update('\n')
      .update(typeof call.operationName === 'string' ? call.operationName : '')
      .update('\n')
      .update(call.token ? createHash('sha256').update(call.token).digest('hex') : '')
      .update('\n')
      .update(JSON.stringify(PROVEN_HEADERS.map((name) => call.headers?.[name] ?? null)))
      .digest('hex');
    return createHmac('sha256', this.secret).update(`v2.${kind}.${time}.${nonce}.${digest}`).digest('hex');
  }
}

function derive(secret: Buffer, purpose: string): string {
  return createHmac('sha256', secret).update(`caregraph ${purpose} v1`).digest('hex');
}

function digest(value: string): Buffer {
  return createHash('sha256').update(value, 'utf8').digest();
}
