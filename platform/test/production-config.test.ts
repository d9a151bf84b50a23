import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ConfigError, readServiceConfig } from '../src/config.ts';
import { productionProblems, refuseUnsafeProduction, type ProcessRole } from '../src/host/production-safety.ts';
import { RouterProof } from '../src/identity/router-proof.ts';

const problemsOf = (env: NodeJS.ProcessEnv): string[] => {
  try {
    readServiceConfig(env, { port: 0 });
    return [];
  } catch (error) {
    if (error instanceof ConfigError) return error.problems;
    throw error;
  }
};

describe('settings that production changes or refuses', () => {
  it('refuses a NODE_ENV it does not know, so a typo cannot start a development platform', () => {
    expect(problemsOf({ NODE_ENV: 'prod' })).toEqual(['NODE_ENV must be one of development, test, production (unset: development)']);
    for (const value of ['development', 'test', 'production', '']) expect(problemsOf({ NODE_ENV: value })).toEqual([]);
  });

  it('binds loopback in development and every interface in production, unless HOST says', () => {
    expect(readServiceConfig({}, { port: 0 }).http.host).toBe('127.0.0.1');
    expect(readServiceConfig({ NODE_ENV: 'test' }, { port: 0 }).http.host).toBe('127.0.0.1');
    expect(readServiceConfig({ NODE_ENV: 'production' }, { port: 0 }).http.host).toBe('0.0.0.0');
    expect(readServiceConfig({ HOST: '::' }, { port: 0 }).http.host).toBe('::');
    expect(readServiceConfig({ NODE_ENV: 'production', HOST: '10.0.0.7' }, { port: 0 }).http.host).toBe('10.0.0.7');
    expect(readServiceConfig({ HOST: 'api.internal' }, { port: 0 }).http.host).toBe('api.internal');
    expect(problemsOf({ HOST: 'http://0.0.0.0' })).toEqual(['HOST must be an IP address or a host name (e.g. 127.0.0.1, 0.0.0.0, ::)']);
  });

  it('keeps idle connections longer than a load balancer (60 s), the headers timeout longer still', () => {
    expect(readServiceConfig({}, { port: 0 }).http).toMatchObject({ keepAliveTimeoutMs: 65_000, headersTimeoutMs: 66_000 });
    expect(readServiceConfig({ HTTP_KEEP_ALIVE_TIMEOUT_MS: '120000' }, { port: 0 }).http).toMatchObject({ keepAliveTimeoutMs: 120_000, headersTimeoutMs: 121_000 });
    expect(problemsOf({ HTTP_KEEP_ALIVE_TIMEOUT_MS: '65000', HTTP_HEADERS_TIMEOUT_MS: '65000' })).toEqual([
      'HTTP_HEADERS_TIMEOUT_MS must be longer than HTTP_KEEP_ALIVE_TIMEOUT_MS',
    ]);
    expect(problemsOf({ HTTP_KEEP_ALIVE_TIMEOUT_MS: '500' })).toEqual(['HTTP_KEEP_ALIVE_TIMEOUT_MS must be an integer from 1000 to 299000']);
  });

  it('seeds demo data by default only on the embedded database in development', () => {
    expect(readServiceConfig({}, { port: 0 }).demoData).toBe(true);
    expect(readServiceConfig({ DATABASE_URL: 'postgres://x@h/db' }, { port: 0 }).demoData).toBe(false);
    expect(readServiceConfig({ NODE_ENV: 'production' }, { port: 0 }).demoData).toBe(false);
    expect(readServiceConfig({ NODE_ENV: 'production', DEMO_DATA: 'true' }, { port: 0 }).demoData).toBe(true);
    expect(problemsOf({ DEMO_DATA: 'yes' })).toEqual(['DEMO_DATA must be true or false']);
  });

  it('turns introspection and the explorer on in development only, unless GRAPHQL_INTROSPECTION says', () => {
    expect(readServiceConfig({}, { port: 0 }).edge.developmentTools).toBe(true);
    expect(readServiceConfig({ GRAPHQL_INTROSPECTION: 'false' }, { port: 0 }).edge.developmentTools).toBe(false);
    expect(readServiceConfig({ NODE_ENV: 'production' }, { port: 0 }).edge.developmentTools).toBe(false);
    expect(readServiceConfig({ NODE_ENV: 'production', GRAPHQL_INTROSPECTION: 'true' }, { port: 0 }).edge.developmentTools).toBe(true);
    expect(problemsOf({ GRAPHQL_INTROSPECTION: '1' })).toEqual(['GRAPHQL_INTROSPECTION must be true or false']);
  });

  it('caps token lifetime at AUTH_MAX_TOKEN_AGE, default a day', () => {
    expect(readServiceConfig({}, { port: 0 }).auth.maxTokenAgeSeconds).toBe(86_400);
    expect(readServiceConfig({ AUTH_MAX_TOKEN_AGE: '3600' }, { port: 0 }).auth.maxTokenAgeSeconds).toBe(3_600);
    expect(problemsOf({ AUTH_MAX_TOKEN_AGE: '0' })).toEqual(['AUTH_MAX_TOKEN_AGE must be an integer from 60 to 2592000']);
  });
});

describe('production refuses development conveniences', () => {
  let dir: string;
  let secretFile: string;
  let keysFile: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'caregraph-production-'));
    secretFile = join(dir, 'router-secret');
    keysFile = join(dir, 'keys.json');
    writeFileSync(secretFile, 'x'.repeat(64));
    writeFileSync(keysFile, '{}');
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  const monolith: ProcessRole = { opensDatabase: true, encryptsPhi: true, usesRouterProof: false };
  const subgraph: ProcessRole = { opensDatabase: true, encryptsPhi: false, usesRouterProof: true };
  const routerOnly: ProcessRole = { opensDatabase: false, encryptsPhi: false, usesRouterProof: true };
  const safe = () => ({
    NODE_ENV: 'production',
    AUTH_JWKS_URL: 'https://idp.example.org/certs',
    AUTH_ISSUER: 'https://idp.example.org',
    AUTH_AUDIENCE: 'caregraph',
    DATABASE_URL: 'postgres://caregraph@db/caregraph',
    ROUTER_SECRET_FILE: secretFile,
    KEYS_FILE: keysFile,
  });
  const refusals = (env: NodeJS.ProcessEnv, role: ProcessRole) => productionProblems(readServiceConfig(env, { port: 0 }), role);

  it('starts a production configuration that is safe', () => {
    for (const role of [monolith, subgraph, routerOnly]) expect(refusals(safe(), role)).toEqual([]);
  });

  it('refuses what a bare NODE_ENV=production would do, every reason at once', () => {
    const env = { NODE_ENV: 'production', DEMO_DATA: 'true', GRAPHQL_INTROSPECTION: 'true', ROUTER_SECRET_FILE: join(dir, 'absent'), KEYS_FILE: join(dir, 'absent.json') };
    const problems = refusals(env, { opensDatabase: true, encryptsPhi: true, usesRouterProof: true });
    expect(problems).toHaveLength(6);
    expect(problems.join('\n')).toMatch(/AUTH_JWKS_URL is not set.*development token issuer/);
    expect(problems.join('\n')).toMatch(/DEMO_DATA is true/);
    expect(problems.join('\n')).toMatch(/GRAPHQL_INTROSPECTION is true/);
    expect(problems.join('\n')).toMatch(/DATABASE_URL is not set.*ALLOW_EMBEDDED_DATABASE_IN_PRODUCTION=true/);
    expect(problems.join('\n')).toMatch(/nor ROUTER_SECRET is set.*does not generate/);
    expect(problems.join('\n')).toMatch(/KEYS_FILE .* does not exist/);
    expect(() => refuseUnsafeProduction(readServiceConfig(env, { port: 0 }), monolith)).toThrow(/^Invalid configuration:\n {2}- /);
  });

  it('runs on the embedded database only when told to, and never in memory', () => {
    const { DATABASE_URL: _server, ...embedded } = safe();
    expect(refusals(embedded, monolith)).toEqual([expect.stringMatching(/^DATABASE_URL is not set/)]);
    expect(refusals({ ...embedded, ALLOW_EMBEDDED_DATABASE_IN_PRODUCTION: 'true', PGLITE_DATA_DIR: join(dir, 'pglite') }, monolith)).toEqual([]);
    expect(refusals({ ...embedded, ALLOW_EMBEDDED_DATABASE_IN_PRODUCTION: 'true', PGLITE_DATA_DIR: 'memory' }, monolith)).toEqual([
      expect.stringMatching(/^PGLITE_DATA_DIR is memory/),
    ]);
    // A router whose subgraphs all run elsewhere opens no database.
    expect(refusals(embedded, routerOnly)).toEqual([]);
  });

  it('asks for the proof secret only where subgraphs are reached over HTTP, and the key file wherever a database is opened', () => {
    const env = { ...safe(), ROUTER_SECRET_FILE: join(dir, 'absent'), KEYS_FILE: join(dir, 'absent.json') };
    // No database, no audit events to seal: a router reaching only remote subgraphs needs no key file.
    expect(refusals({ ...env, ROUTER_SECRET: 's'.repeat(32) }, { opensDatabase: false, encryptsPhi: false, usesRouterProof: true })).toEqual([]);
    // Any process that opens a database seals audit events with the audit chain key in KEYS_FILE.
    expect(refusals(env, { opensDatabase: true, encryptsPhi: false, usesRouterProof: false })).toEqual([expect.stringMatching(/^KEYS_FILE .*the audit chain key/)]);
    expect(refusals(env, subgraph)).toEqual([expect.stringMatching(/^neither ROUTER_CREDENTIAL and PEER_CREDENTIAL nor ROUTER_SECRET is set/), expect.stringMatching(/^KEYS_FILE/)]);
    expect(refusals({ ...safe(), ROUTER_SECRET: 's'.repeat(32) }, subgraph)).toEqual([]);
    expect(refusals(env, monolith)).toEqual([expect.stringMatching(/^KEYS_FILE .*PHI encryption keys/)]);
  });

  it('needs no shared secret where calls are trusted by mutual TLS, and writes none', () => {
    const pem = join(dir, 'mtls.pem');
    writeFileSync(pem, 'not read by the configuration check');
    // safe() sets no ROUTER_SECRET: without mutual TLS a subgraph would be refused (the case above).
    const withoutSecret = { ...safe(), ROUTER_SECRET_FILE: join(dir, 'absent-mtls') };
    // A subgraph that answers only client certificates of its CA, and a router that presents one.
    expect(refusals({ ...withoutSecret, TLS_CERT_FILE: pem, TLS_KEY_FILE: pem, TLS_CLIENT_CA_FILE: pem }, subgraph)).toEqual([]);
    expect(refusals({ ...withoutSecret, SUBGRAPH_CLIENT_CERT_FILE: pem, SUBGRAPH_CLIENT_KEY_FILE: pem }, routerOnly)).toEqual([]);
    const proof = RouterProof.fromConfig(undefined, join(dir, 'absent-mtls'), undefined, { writeFile: false });
    expect(proof.credentials.router).toHaveLength(1);
    expect(existsSync(join(dir, 'absent-mtls'))).toBe(false);
  });

  it('fetches the identity provider’s keys over https only; loopback http only when AUTH_JWKS_ALLOW_HTTP=true says so', () => {
    const jwks = (url: string, extra: NodeJS.ProcessEnv = {}) => problemsOf({ ...safe(), AUTH_JWKS_URL: url, ...extra });
    const overHttp = /^AUTH_JWKS_URL uses http: production fetches the identity provider's signing keys over https only/;
    expect(jwks('https://idp.example.org/certs')).toEqual([]);
    expect(jwks('http://idp.example.org/certs')).toEqual([expect.stringMatching(overHttp)]);
    // The flag is for a provider on this very host, never one across the network.
    expect(jwks('http://idp.example.org/certs', { AUTH_JWKS_ALLOW_HTTP: 'true' })).toEqual([expect.stringMatching(overHttp)]);
    expect(jwks('http://10.0.0.5:8080/certs', { AUTH_JWKS_ALLOW_HTTP: 'true' })).toEqual([expect.stringMatching(overHttp)]);
    expect(jwks('http://localhost.example.org/certs', { AUTH_JWKS_ALLOW_HTTP: 'true' })).toEqual([expect.stringMatching(overHttp)]);
    for (const loopback of ['http://127.0.0.1:8080/certs', 'http://localhost:8080/certs', 'http://[::1]:8080/certs', 'http://127.1/certs']) {
      expect(jwks(loopback), loopback).toEqual([expect.stringMatching(/AUTH_JWKS_ALLOW_HTTP=true$/)]);
      expect(jwks(loopback, { AUTH_JWKS_ALLOW_HTTP: 'true' }), loopback).toEqual([]);
    }
    expect(jwks('http://127.0.0.1:8080/certs', { AUTH_JWKS_ALLOW_HTTP: 'yes' })).toEqual(['AUTH_JWKS_ALLOW_HTTP must be true or false', expect.stringMatching(overHttp)]);
    expect(jwks('ftp://idp.example.org/certs')).toEqual(['AUTH_JWKS_URL must be an http(s) URL']);
    // Refused as the other configuration errors are: every reason listed at once.
    expect(() => readServiceConfig({ ...safe(), AUTH_JWKS_URL: 'http://idp.example.org/certs', DEMO_DATA: 'maybe' }, { port: 0 })).toThrow(
      /^Invalid configuration:\n {2}- AUTH_JWKS_URL uses http: .*\n {2}- DEMO_DATA must be true or false/,
    );
    // Outside production plain http stays a developer's choice.
    expect(problemsOf({ AUTH_JWKS_URL: 'http://idp.example.org/certs', AUTH_ISSUER: 'i', AUTH_AUDIENCE: 'a' })).toEqual([]);
  });

  it('changes nothing outside production', () => {
    expect(refusals({ DEMO_DATA: 'true' }, { opensDatabase: true, encryptsPhi: true, usesRouterProof: true })).toEqual([]);
    expect(refusals({ NODE_ENV: 'test' }, monolith)).toEqual([]);
  });
});
