import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { RouterProof } from '../src/identity/router-proof.ts';

const NOW = 1_800_000_000_000;
const OPERATION = {
  query: 'query ($representations: [_Any!]!) { _entities(representations: $representations) { ... on Patient { id } } }',
  variables: { representations: [{ __typename: 'Patient', id: '1a2b3c4d-5e6f-4a7b-8c9d-0e1f2a3b4c5d' }] },
};

/** The router's proof binds a moment and one operation under a shared secret; nothing else passes. */
describe('RouterProof', () => {
  const proof = new RouterProof(randomBytes(32));
  const header = proof.sign(OPERATION, NOW);
  const mac = header.split('.')[2]!;

  it('verifies what it signed, and the header has the form v1.<ms>.<hex mac>', () => {
    expect(header).toMatch(new RegExp(`^v1\\.${NOW}\\.[0-9a-f]{64}$`));
    expect(proof.verify(header, OPERATION, NOW)).toBe(true);
  });

  it('verifies an operation without variables (absent, or sent as null)', () => {
    const signed = proof.sign({ query: '{ _service { sdl } }' }, NOW);
    expect(proof.verify(signed, { query: '{ _service { sdl } }' }, NOW)).toBe(true);
    expect(proof.verify(signed, { query: '{ _service { sdl } }', variables: null }, NOW)).toBe(true);
  });

  it('refuses a proof carried by another query', () => {
    expect(proof.verify(header, { ...OPERATION, query: `${OPERATION.query} ` }, NOW)).toBe(false);
    expect(proof.verify(header, { ...OPERATION, query: '{ patients { edges { node { id } } } }' }, NOW)).toBe(false);
  });

  it('refuses a proof carried by other variables', () => {
    const otherPatient = { representations: [{ __typename: 'Patient', id: '9f8e7d6c-5b4a-4392-8170-fedcba987654' }] };
    expect(proof.verify(header, { ...OPERATION, variables: otherPatient }, NOW)).toBe(false);
    expect(proof.verify(header, { query: OPERATION.query }, NOW)).toBe(false);
  });

  it('accepts a proof up to 60 s old and refuses an older one', () => {
    expect(proof.verify(header, OPERATION, NOW + 60_000)).toBe(true);
    expect(proof.verify(header, OPERATION, NOW + 60_001)).toBe(false);
    expect(proof.verify(header, OPERATION, NOW + 3_600_000)).toBe(false);
  });

  it('accepts a stamp up to 5 s ahead (clock skew) and refuses one further ahead', () => {
    expect(proof.verify(header, OPERATION, NOW - 5_000)).toBe(true);
    expect(proof.verify(header, OPERATION, NOW - 5_001)).toBe(false);
    expect(proof.verify(proof.sign(OPERATION, NOW + 600_000), OPERATION, NOW)).toBe(false);
  });

  it('refuses a proof made with another secret', () => {
    const other = new RouterProof(randomBytes(32));
    expect(other.verify(header, OPERATION, NOW)).toBe(false);
    expect(proof.verify(other.sign(OPERATION, NOW), OPERATION, NOW)).toBe(false);
  });

  it('refuses a restamped proof (the time is under the mac)', () => {
    expect(proof.verify(`v1.${NOW + 1_000}.${mac}`, OPERATION, NOW + 1_000)).toBe(false);
  });

  it.each([
    ['no header', undefined],
    ['an empty header', ''],
    ['only a version', 'v1'],
    ['no mac', `v1.${NOW}`],
    ['an empty mac', `v1.${NOW}.`],
    ['another version', `v2.${NOW}.${mac}`],
    ['no version', `${NOW}.${mac}`],
    ['a non-numeric stamp', `v1.now.${mac}`],
    ['a mac that is not hex', `v1.${NOW}.${'z'.repeat(64)}`],
    ['a truncated mac', `v1.${NOW}.${mac.slice(0, 32)}`],
    ['a bearer token in its place', 'Bearer eyJhbGciOiJFUzI1NiJ9.e30.sig'],
  ])('refuses %s', (_name, malformed) => {
    expect(proof.verify(malformed, OPERATION, NOW)).toBe(false);
  });

  it('refuses an operation without a query string, even with a proof signed for it', () => {
    const signed = proof.sign({ variables: OPERATION.variables }, NOW);
    expect(proof.verify(signed, { variables: OPERATION.variables }, NOW)).toBe(false);
    expect(proof.verify(signed, { query: 42, variables: OPERATION.variables }, NOW)).toBe(false);
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
      expect(subgraph.verify(router.sign(OPERATION, NOW), OPERATION, NOW)).toBe(true);
    });

    it('else from a file created once (mode 0600) and shared by every local process', () => {
      const file = join(dir, 'router-secret');
      const first = RouterProof.fromConfig(undefined, file);
      expect(statSync(file).mode & 0o777).toBe(0o600);
      const second = RouterProof.fromConfig(undefined, file);
      expect(second.verify(first.sign(OPERATION, NOW), OPERATION, NOW)).toBe(true);
      const elsewhere = RouterProof.fromConfig(undefined, join(dir, 'other-secret'));
      expect(elsewhere.verify(first.sign(OPERATION, NOW), OPERATION, NOW)).toBe(false);
    });
  });
});

describe('RouterProof, strictness', () => {
  const proof = new RouterProof(Buffer.alloc(32, 3));
  const operation = { query: 'query A { a } query B { b }', variables: { x: 1 }, operationName: 'A' };

  it('binds the chosen operation of a multi-operation document', () => {
    const header = proof.sign(operation);
    expect(proof.verify(header, operation)).toBe(true);
    expect(proof.verify(header, { ...operation, operationName: 'B' })).toBe(false);
  });

  it('accepts exactly one spelling of a valid header', () => {
    const header = proof.sign(operation);
    const [, stamp, mac] = header.split('.');
    for (const variant of [`${header}zz`, `${header}.extra`, `v1.${stamp}.${mac!.toUpperCase()}`, `v1.0x${Number(stamp).toString(16)}.${mac}`]) {
      expect(proof.verify(variant, operation), variant).toBe(false);
    }
  });
});
