import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConfigError, readServiceConfig } from '../src/config.ts';

const A = 'a'.repeat(32);
const B = 'b'.repeat(32);

function problemsOf(env: NodeJS.ProcessEnv): string[] {
  try {
    readServiceConfig(env, { port: 0 });
    return [];
  } catch (error) {
    if (error instanceof ConfigError) return error.problems;
    throw error;
  }
}

/**
 * How a subgraph trusts its callers is configuration an operator gets wrong silently: a router's
 * credential that is also a peer's runs internal operations and reads every trail, and a client
 * CA without the server's own certificate would serve plain HTTP on the shared credentials instead
 * of mutual TLS. Both are refused at start.
 */
describe('subgraph trust configuration', () => {
  it('accepts distinct router and peer credentials, with previous ones', () => {
    expect(problemsOf({ ROUTER_CREDENTIAL: A, PEER_CREDENTIAL: B, ROUTER_CREDENTIAL_PREVIOUS: 'c'.repeat(32), PEER_CREDENTIAL_PREVIOUS: 'd'.repeat(32) })).toEqual([]);
  });

  it.each([
    ['the same current credential', { ROUTER_CREDENTIAL: A, PEER_CREDENTIAL: A }],
    ['a router credential that is the previous peer one', { ROUTER_CREDENTIAL: A, PEER_CREDENTIAL: B, PEER_CREDENTIAL_PREVIOUS: A }],
    ['a peer credential that is the previous router one', { ROUTER_CREDENTIAL: A, ROUTER_CREDENTIAL_PREVIOUS: B, PEER_CREDENTIAL: B }],
  ])('refuses %s for routers and peers', (_case, env) => {
    expect(problemsOf(env)).toEqual([expect.stringMatching(/^ROUTER_CREDENTIAL.*PEER_CREDENTIAL.*differ/)]);
  });

  it('refuses TLS_CLIENT_CA_FILE without the certificate and key it is served with', () => {
    const dir = mkdtempSync(join(tmpdir(), 'caregraph-trust-config-'));
    const ca = join(dir, 'ca.pem');
    writeFileSync(ca, '');
    expect(problemsOf({ TLS_CLIENT_CA_FILE: ca })).toEqual([expect.stringMatching(/^TLS_CLIENT_CA_FILE is set without TLS_CERT_FILE and TLS_KEY_FILE/)]);
  });
});
