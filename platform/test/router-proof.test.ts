import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { provenHeaders, RouterProof } from '../src/identity/router-proof.ts';

const NOW = 1_800_000_000_000;
const OPERATION = {
  query: 'query ($representations: [_Any!]!) { _entities(representations: $representations) { ... on Patient { id } } }',
  variables: { representations: [{ __typename: 'Patient', id: '1a2b3c4d-5e6f-4a7b-8c9d-0e1f2a3b4c5d' }] },
};

/** The router's proof binds a moment and one operation under a shared secret; nothing else passes. */
describe('RouterProof', () => {
  const proof = new RouterProof(randomBytes(32));
  const header = proof.sign(OPERATION, 'router', NOW);
  const mac = header.split('.')[4]!;

  it('verifies what it signed, and the header has the form v2.<kind>.<ms>.<nonce>.<hex mac>', () => {
    expect(header).toMatch(new RegExp(`^v2\\.router\\.${NOW}\\.[0-9a-f]{32}\\.[0-9a-f]{64}$`));
    expect(proof.verify(header, OPERATION, NOW)).toBe('router');
  });

  it('verifies an operation without variables (absent, or sent as null)', () => {
    const signed = proof.sign({ query: '{ _service { sdl } }' }, 'router', NOW);
    expect(proof.verify(signed, { query: '{ _service { sdl } }' }, NOW)).toBe('router');
    expect(proof.verify(signed, { query: '{ _service { sdl } }', variables: null }, NOW)).toBe('router');
  });

  it('binds the headers a subgraph believes behind a proof: the request id, the caller\'s address and agent', () => {
    const headers = provenHeaders((name) => ({ 'x-request-id': 'router-id-12345678', 'x-forwarded-for': '192.0.2.7' })[name]);
    const signed = proof.sign({ ...OPERATION, headers }, 'router', NOW);
    expect(proof.verify(signed, { ...OPERATION, headers }, NOW)).toBe('router');
    expect(proof.verify(signed, { ...OPERATION, headers: { ...headers, 'x-request-id': 'chosen-by-sender-1' } }, NOW)).toBeNull();
    expect(proof.verify(signed, { ...OPERATION, headers: { ...headers, 'x-caregraph-client-agent': 'added' } }, NOW)).toBeNull();
    expect(proof.verify(signed, OPERATION, NOW)).toBeNull();
  });

  it('refuses a proof carried by another query', () => {
    expect(proof.verify(header, { ...OPERATION, query: `${OPERATION.query} ` }, NOW)).toBeNull();
    expect(proof.verify(header, { ...OPERATION, query: '{ patients { edges { node { id } } } }' }, NOW)).toBeNull();
  });

  it('refuses a proof carried by other variables', () => {
    const otherPatient = { representations: [{ __typename: 'Patient', id: '9f8e7d6c-5b4a-4392-8170-fedcba987654' }] };
    expect(proof.verify(header, { ...OPERATION, variables: otherPatient }, NOW)).toBeNull();
    expect(proof.verify(header, { query: OPERATION.query }, NOW)).toBeNull();
  });

  it('accepts a proof up to 30 s old and refuses an older one', () => {
    expect(proof.verify(header, OPERATION, NOW + 30_000)).toBe('router');
    expect(proof.verify(header, OPERATION, NOW + 30_001)).toBeNull();
    expect(proof.verify(header, OPERATION, NOW + 3_600_000)).toBeNull();
  });

  it('accepts a stamp up to 5 s ahead (clock skew) and refuses one further ahead', () => {
    expect(proof.verify(header, OPERATION, NOW - 5_000)).toBe('router');
    expect(proof.verify(header, OPERATION, NOW - 5_001)).toBeNull();
    expect(proof.verify(proof.sign(OPERATION, 'router', NOW + 600_000), OPERATION, NOW)).toBeNull();
  });

  it('refuses a proof made with another secret', () => {
    const other = new RouterProof(randomBytes(32));
    expect(other.verify(header, OPERATION, NOW)).toBeNull();
    expect(proof.verify(other.sign(OPERATION, 'router', NOW), OPERATION, NOW)).toBeNull();
  });

  it.each(['peer', 'service'] as const)('refuses a router proof relabelled as a %s call (the kind is under the mac)', (kind) => {
    expect(proof.verify(header.replace('v2.router.', `v2.${kind}.`), OPERATION, NOW)).toBeNull();
    expect(proof.verify(proof.sign(OPERATION, kind, NOW), OPERATION, NOW)).toBe(kind);
  });

  it('refuses a restamped proof (the time is under the mac)', () => {
    expect(proof.verify(`v2.router.${NOW + 1_000}.${header.split('.')[3]}.${mac}`, OPERATION, NOW + 1_000)).toBeNull();
  });

  it.each([
    ['no header', undefined],
    ['an empty header', ''],
    ['only a version', 'v1'],
    ['no mac', `v1.router.${NOW}`],
    ['an empty mac', `v1.router.${NOW}.`],
    ['another version', `v2.router.${NOW}.${mac}`],
    ['no version', `router.${NOW}.${mac}`],
    ['no kind', `v1.${NOW}.${mac}`],
    ['an unknown kind', `v1.admin.${NOW}.${mac}`],
    ['a non-numeric stamp', `v1.router.now.${mac}`],
    ['a mac that is not hex', `v1.router.${NOW}.${'z'.repeat(64)}`],
    ['a truncated mac', `v1.router.${NOW}.${mac.slice(0, 32)}`],
    ['a bearer token in its place', 'Bearer eyJhbGciOiJFUzI1NiJ9.e30.sig'],
  ])('refuses %s', (_name, malformed) => {
    expect(proof.verify(malformed, OPERATION, NOW)).toBeNull();
  });

  it('refuses an operation without a query string, even with a proof signed for it', () => {
    const signed = proof.sign({ variables: OPERATION.variables }, 'router', NOW);
    expect(proof.verify(signed, { variables: OPERATION.variables }, NOW)).toBeNull();
    expect(proof.verify(signed, { query: 42, variables: OPERATION.variables }, NOW)).toBeNull();
  });

  describe('its secret', () => {
    const dir = mkdtempSync(join(tmpdir(), 'caregraph-router-proof-'));
    afterAll(() => rmSync(dir, { recursive: true, force: true }));

    it('must be at least 32 bytes', () => {
      expect(() => new RouterProof(Buffer.alloc(31, 1))).toThrow(/at least 32 bytes/);
      expect(() => new RouterProof(Buffer.alloc(0))).toThrow(/at least 32 bytes/);
      expect(() => new RouterProof(Buffer.alloc(32, 1))).not.toThrow();
      expect(() => RouterProof.fromConfig('x'.repeat(31), join(dir, 'unused'))).toThrow(/at least 32 bytes/);
    });

    it('comes from ROUTER_SECRET when set: processes sharing it accept each other’s proofs', () => {
      const secret = randomBytes(24).toString('base64'); // 32 characters
      const router = RouterProof.fromConfig(secret, join(dir, 'unused'));
      const subgraph = RouterProof.fromConfig(secret, join(dir, 'unused'));
      expect(subgraph.verify(router.sign(OPERATION, 'router', NOW), OPERATION, NOW)).toBe('router');
    });

    it('else from a file created once (mode 0600) and shared by every local process', () => {
      const file = join(dir, 'router-secret');
      const first = RouterProof.fromConfig(undefined, file);
      expect(statSync(file).mode & 0o777).toBe(0o600);
      const second = RouterProof.fromConfig(undefined, file);
      expect(second.verify(first.sign(OPERATION, 'router', NOW), OPERATION, NOW)).toBe('router');
      const elsewhere = RouterProof.fromConfig(undefined, join(dir, 'other-secret'));
      expect(elsewhere.verify(first.sign(OPERATION, 'router', NOW), OPERATION, NOW)).toBeNull();
    });
  });
});

describe('RouterProof, strictness', () => {
  const proof = new RouterProof(Buffer.alloc(32, 3));
  const operation = { query: 'query A { a } query B { b }', variables: { x: 1 }, operationName: 'A' };

  it('binds the chosen operation of a multi-operation document', () => {
    const header = proof.sign(operation, 'router');
    expect(proof.verify(header, operation)).toBe('router');
    expect(proof.verify(header, { ...operation, operationName: 'B' })).toBeNull();
  });

  it('accepts exactly one spelling of a valid header', () => {
    const header = proof.sign(operation, 'router');
    const [, kind, stamp, nonce, mac] = header.split('.');
    for (const variant of [
      `${header}zz`,
      `${header}.extra`,
      `v2.${kind}.${stamp}.${nonce}.${mac!.toUpperCase()}`,
      `v2.${kind}.0x${Number(stamp).toString(16)}.${nonce}.${mac}`,
      `v2.${kind!.toUpperCase()}.${stamp}.${nonce}.${mac}`,
      `v1.${kind}.${stamp}.${mac}`,
      `v2.${kind}.${stamp}.${nonce!.toUpperCase()}.${mac}`,
    ]) {
      expect(proof.verify(variant, operation), variant).toBeNull();
    }
  });

  describe('bound to the caller’s token, and single-use', () => {
    const NOW = 1_800_000_000_000;
    const OPERATION = { query: '{ _service { sdl } }' };
    const header = proof.sign(OPERATION, 'router', NOW);
    const TOKEN = 'eyJhbGciOiJFUzI1NiJ9.caller-one.signature';
    const bound = proof.sign({ ...OPERATION, token: TOKEN }, 'router', NOW);

    it('verifies with the token it was signed for, and with no other (nor without one)', () => {
      expect(proof.verify(bound, { ...OPERATION, token: TOKEN }, NOW)).toBe('router');
      expect(proof.verify(bound, { ...OPERATION, token: 'eyJhbGciOiJFUzI1NiJ9.caller-two.signature' }, NOW)).toBeNull();
      expect(proof.verify(bound, OPERATION, NOW)).toBeNull();
      expect(proof.verify(header, { ...OPERATION, token: TOKEN }, NOW)).toBeNull();
    });

    it('signs every call with a fresh nonce', () => {
      expect(proof.sign(OPERATION, 'router', NOW)).not.toBe(proof.sign(OPERATION, 'router', NOW));
    });

    it('accepts a proof once with verifyOnce: the same header again proves nothing', () => {
      const guard = new RouterProof(Buffer.alloc(32, 7));
      const once = guard.sign({ ...OPERATION, token: TOKEN }, 'router', NOW);
      expect(guard.verifyOnce(once, { ...OPERATION, token: TOKEN }, NOW)).toBe('router');
      expect(guard.verifyOnce(once, { ...OPERATION, token: TOKEN }, NOW + 1)).toBeNull();
      // A fresh proof of the same call is fine, and nonces are forgotten once their proofs are too old.
      expect(guard.verifyOnce(guard.sign({ ...OPERATION, token: TOKEN }, 'router', NOW), { ...OPERATION, token: TOKEN }, NOW)).toBe('router');
      for (let i = 0; i < 3; i += 1) guard.verifyOnce(guard.sign(OPERATION, 'peer', NOW + 40_000 + i), OPERATION, NOW + 40_000 + i);
      expect((guard as unknown as { used: Map<string, number> }).used.size).toBe(3);
    });
  });
});
