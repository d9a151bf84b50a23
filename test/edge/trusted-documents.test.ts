import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { sha256, TrustedDocuments } from '@caregraph/router/edge/trusted-documents/manifest';
import { ROOT } from './support.ts';

function fileWith(content: unknown): string {
  const path = join(mkdtempSync(join(tmpdir(), 'caregraph-trusted-')), 'trusted-documents.json');
  writeFileSync(path, JSON.stringify(content));
  return path;
}

describe('trusted documents file', () => {
  const body = 'query One { __typename }';

  it('loads the committed file (the demo partner)', () => {
    const documents = TrustedDocuments.load(resolve(ROOT, 'trusted-documents.json'));
    expect(documents.registeredBy('demo-ehr-partner')?.size).toBeGreaterThan(0);
    expect(documents.registeredBy('anyone-else')).toBeUndefined();
    expect(documents.registeredBy(null)).toBeUndefined();
  });

  it('keeps each client’s operations by hash', () => {
    const documents = TrustedDocuments.load(
      fileWith({ format: 'caregraph-trusted-documents', version: 1, clients: { partner: { operations: [{ id: sha256(body), name: 'One', body }] } } }),
    );
    expect(documents.registeredBy('partner')?.get(sha256(body))).toBe(body);
  });

  it("files a client's operations under an alias too, and publishes every registered operation by hash", () => {
    const other = 'query Two { __typename }';
    const documents = TrustedDocuments.load(
      fileWith({
        format: 'caregraph-trusted-documents',
        version: 1,
        clients: { 'caregraph-dashboard': { operations: [{ id: sha256(body), name: 'One', body }] }, partner: { operations: [{ id: sha256(other), name: 'Two', body: other }] } },
      }),
      { 'hospital-dashboard': 'caregraph-dashboard', 'nobody-listed': 'missing-client' },
    );
    expect(documents.registeredBy('hospital-dashboard')?.get(sha256(body))).toBe(body);
    expect(documents.registeredBy('hospital-dashboard')?.has(sha256(other))).toBe(false);
    expect(documents.registeredBy('nobody-listed')).toBeUndefined();
    expect(documents.published(sha256(other))).toBe(other);
    expect(documents.published(sha256('query Unlisted { __typename }'))).toBeUndefined();
  });

  it('refuses to start on a wrong hash, a document that does not parse, or a client with nothing registered, naming each', () => {
    const load = () =>
      TrustedDocuments.load(
        fileWith({
          format: 'caregraph-trusted-documents',
          version: 1,
          clients: {
            partner: {
              operations: [
                { id: 'f'.repeat(64), name: 'Tampered', body },
                { id: sha256('query {'), name: 'Broken', body: 'query {' },
              ],
            },
            empty: { operations: [] },
          },
        }),
      );
    expect(load).toThrow(/Tampered\): id is not the SHA-256[\s\S]*Broken\): Syntax Error[\s\S]*clients\.empty: no operations/);
  });
});
