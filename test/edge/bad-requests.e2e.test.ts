import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readEdgeConfig } from '@caregraph/platform/edge-config';
import type { TestPlatform } from '../support/platform.ts';
import { bearer, tokenFor } from '../support/tokens.ts';
import type { TrustedDocumentsFile } from '@caregraph/router/edge/trusted-documents/manifest';
import { codeOf, postJson, ROOT, send, startPlatformWith, type Answer } from './support.ts';

/** The documented defaults: the platform below runs with them. */
const LIMITS = readEdgeConfig({}, []);

/**
 * An operation `depth` fields deep (at least 6), cheap at any depth (pages of one, no lists):
 * `patient { observations { edges { node { device { assignedPatient { observations { … id`.
 */
function nested(depth: number): string {
  const chain = ['observations(first: 1)', 'edges', 'node', 'device', 'assignedPatient'];
  const fields = Array.from({ length: depth - 2 }, (_, i) => chain[i % chain.length]!);
  return `query Deep($id: ID!) { patient(id: $id) { ${fields.map((f) => `${f} { `).join('')}id${' }'.repeat(fields.length)} } }`;
}

/** A refusal by a query limit: 400, the kind of limit named, the limit's value not. */
function expectLimitRefusal(answer: Answer, code: string, message: RegExp): void {
  expect(answer.status).toBe(400);
  expect(codeOf(answer)).toBe(code);
  expect(answer.body?.errors?.[0]?.message).toMatch(message);
  expect(answer.body?.data).toBeUndefined();
  expect(JSON.stringify(answer.body)).not.toMatch(/\d{2,}|limit of|found/i);
}

// In-process mode only: every refusal here happens in the router before any subgraph is asked, and
// the router is the same in both modes (distributed mode is covered by test/e2e and test/access).
describe('the router refuses bad requests with the documented answers (black box, production settings)', () => {
  let platform: TestPlatform;
  let admin: Record<string, string>;
  let json: Record<string, string>;
  beforeAll(async () => {
    platform = await startPlatformWith({ NODE_ENV: 'production', CORS_ORIGINS: 'https://dashboard.example.org' });
    const organization = platform.plan.organizations[0]!.id;
    admin = bearer(await tokenFor({ role: 'org_admin', sub: 'admin-1', org: organization, mfa: true }));
    json = { ...admin, 'content-type': 'application/json' };
  });
  afterAll(async () => {
    await platform?.stop();
  });

  const device = () => platform.plan.devices[0]!.id;
  const patient = () => platform.plan.patients[0]!.id;

  describe('query limits', () => {
    it('answers an operation at the depth limit', async () => {
      const answer = await postJson(platform.url, { query: nested(LIMITS.maxDepth), variables: { id: patient() } }, admin);
      expect(answer.status).toBe(200);
      expect(answer.body?.errors).toBeUndefined();
    });

    it('refuses a deeper one: 400 GRAPHQL_VALIDATION_FAILED', async () => {
      const answer = await postJson(platform.url, { query: nested(LIMITS.maxDepth + 1), variables: { id: patient() } }, admin);
      expectLimitRefusal(answer, 'GRAPHQL_VALIDATION_FAILED', /nested too deeply/);
    });

    it('refuses an aliased operation (one field asked for many times)', async () => {
      const fields = Array.from({ length: LIMITS.maxAliases + 1 }, (_, i) => `p${i}: patients(first: 1) { pageInfo { hasNextPage } }`);
      const answer = await postJson(platform.url, { query: `{ ${fields.join(' ')} }` }, admin);
      expectLimitRefusal(answer, 'GRAPHQL_VALIDATION_FAILED', /too many aliases/);
    });

    it('refuses too many directives', async () => {
      const fields = Array.from({ length: LIMITS.maxDirectives + 1 }, (_, i) => `f${i}: __typename @include(if: true)`);
      const answer = await postJson(platform.url, { query: `{ ${fields.join(' ')} }` }, admin);
      expectLimitRefusal(answer, 'GRAPHQL_VALIDATION_FAILED', /too many directives/);
    });

    it('refuses a wide operation (too many tokens) while parsing: 400 GRAPHQL_PARSE_FAILED', async () => {
      const answer = await postJson(platform.url, { query: `{ patients(first: 1) { edges { node { ${'id '.repeat(LIMITS.maxTokens)}} } } }` }, admin);
      expectLimitRefusal(answer, 'GRAPHQL_PARSE_FAILED', /too long/);
    });

    it('refuses a costly operation, cost scaling with `first` given as a variable', async () => {
      const query = `query Costly($n: Int) { patients(first: $n) { edges { node { id observations(first: $n) { edges { node { id value } } } } } } }`;
      const costly = await postJson(platform.url, { query, variables: { n: 100 } }, admin);
      expectLimitRefusal(costly, 'GRAPHQL_VALIDATION_FAILED', /too much at once/);
      const cheap = await postJson(platform.url, { query, variables: { n: 2 } }, admin);
      expect(cheap.status).toBe(200);
      expect(cheap.body?.data?.['patients'].edges).toHaveLength(2);
    });
  });

  describe('HTTP', () => {
    it('refuses an oversized body with 413 before reading it', async () => {
      const body = JSON.stringify({ query: '{ __typename }', variables: { padding: 'x'.repeat(LIMITS.maxBodyBytes) } });
      const answer = await send(platform.url, { headers: json, body });
      expect(answer.status).toBe(413);
      expect(codeOf(answer)).toBe('BAD_REQUEST');
    });

    it('refuses a POST that is not application/json with 415 (also what keeps cross-site forms out)', async () => {
      for (const type of ['text/plain', 'application/x-www-form-urlencoded', 'multipart/form-data; boundary=x', 'application/graphql']) {
        const answer = await send(platform.url, { headers: { ...admin, 'content-type': type }, body: '{"query":"{ __typename }"}' });
        expect(answer.status, type).toBe(415);
        expect(codeOf(answer)).toBe('BAD_REQUEST');
      }
    });

    it('runs a query over GET but refuses a mutation over GET with 405 and Allow: POST', async () => {
      const get = (query: string) =>
        send(`${platform.url}?${new URLSearchParams({ query })}`, { method: 'GET', headers: { ...admin, 'apollo-require-preflight': 'true' } });
      const query = await get('{ __typename }');
      expect(query.status).toBe(200);
      const mutation = await get(`mutation { unassignDevice(deviceId: "${device()}") { id } }`);
      expect(mutation.status).toBe(405);
      expect(mutation.headers.get('allow')).toBe('POST');
      expect(mutation.body?.data).toBeUndefined();
    });

    it('keeps CSRF prevention on: a GET without a preflight-forcing header is refused', async () => {
      const answer = await send(`${platform.url}?${new URLSearchParams({ query: '{ __typename }' })}`, { method: 'GET', headers: admin });
      expect(answer.status).toBe(400);
      expect(answer.body?.errors?.[0]?.message).toMatch(/Cross-Site Request Forgery/);
    });

    it('refuses a batch of operations', async () => {
      const answer = await send(platform.url, { headers: json, body: JSON.stringify([{ query: '{ __typename }' }, { query: '{ __typename }' }]) });
      expect(answer.status).toBe(400);
      expect(answer.body?.errors?.[0]?.message).toMatch(/batching disabled/i);
    });

    it('allows CORS for listed origins only, without credentials or a wildcard', async () => {
      const preflight = (origin: string) =>
        send(platform.url, { method: 'OPTIONS', headers: { origin, 'access-control-request-method': 'POST', 'access-control-request-headers': 'authorization, content-type' } });
      const listed = await preflight('https://dashboard.example.org');
      expect(listed.status).toBe(204);
      expect(listed.headers.get('access-control-allow-origin')).toBe('https://dashboard.example.org');
      expect(listed.headers.get('access-control-allow-headers')).toMatch(/authorization/);
      expect(listed.headers.get('access-control-allow-credentials')).toBeNull();
      const other = await preflight('https://evil.example');
      expect(other.status).toBe(403);
      expect(other.headers.get('access-control-allow-origin')).toBeNull();

      const answer = await postJson(platform.url, { query: '{ __typename }' }, { ...admin, origin: 'https://dashboard.example.org' });
      expect(answer.headers.get('access-control-allow-origin')).toBe('https://dashboard.example.org');
      expect(answer.headers.get('access-control-expose-headers')).toMatch(/x-request-id/);
      const foreign = await postJson(platform.url, { query: '{ __typename }' }, { ...admin, origin: 'https://evil.example' });
      expect(foreign.headers.get('access-control-allow-origin')).toBeNull();
    });

    it('sends the security headers on answers, refusals and probes', async () => {
      const answers = [
        await postJson(platform.url, { query: '{ __typename }' }, admin),
        await postJson(platform.url, { query: '{ __typename }' }),
        await send(platform.url.replace(/\/graphql$/, '/healthz'), { method: 'GET' }),
      ];
      for (const answer of answers) {
        expect(answer.headers.get('x-content-type-options')).toBe('nosniff');
        expect(answer.headers.get('x-frame-options')).toBe('DENY');
        expect(answer.headers.get('content-security-policy')).toMatch(/frame-ancestors 'none'/);
        expect(answer.headers.get('referrer-policy')).toBe('no-referrer');
        expect(answer.headers.get('cache-control')).toBe('no-store');
        // Plain HTTP here: HSTS is sent over TLS only (see security-headers.test.ts).
        expect(answer.headers.get('strict-transport-security')).toBeNull();
      }
    });
  });

  describe('trusted documents and persisted queries', () => {
    // The committed trusted-documents.json (the default TRUSTED_DOCUMENTS_FILE) registers the demo EHR partner's operations.
    const manifest = JSON.parse(readFileSync(resolve(ROOT, 'trusted-documents.json'), 'utf8')) as TrustedDocumentsFile;
    const registered = manifest.clients['demo-ehr-partner']!.operations.find((operation) => operation.name === 'PatientSummary')!;
    const partner = async (client = 'demo-ehr-partner') => ({
      ...bearer(
        await tokenFor({ role: 'integrator', sub: 'svc-ehr', org: platform.plan.organizations[0]!.id, scope: 'patients:read devices:read observations:read', client }),
      ),
    });
    const persisted = (sha256Hash: string) => ({ persistedQuery: { version: 1, sha256Hash } });

    it('refuses an unregistered operation from a restricted client: 403 FORBIDDEN', async () => {
      const answer = await postJson(platform.url, { query: '{ patients(first: 100) { edges { node { id } } } }' }, await partner());
      expect(answer.status).toBe(403);
      expect(codeOf(answer)).toBe('FORBIDDEN');
      expect(answer.body?.data).toBeUndefined();
    });

    it('runs a registered operation sent by its hash alone, or in full', async () => {
      const headers = await partner();
      const byHash = await postJson(platform.url, { extensions: persisted(registered.id), variables: { id: patient() } }, headers);
      expect(byHash.status).toBe(200);
      expect(byHash.body?.data?.['patient']?.id).toBe(patient());
      const inFull = await postJson(platform.url, { query: registered.body, variables: { id: patient() } }, headers);
      expect(inFull.body?.data?.['patient']?.id).toBe(patient());
    });

    it("never runs another client's registered operation for a restricted client, by hash or in full", async () => {
      const query = '{ patients(first: 1) { edges { node { id } } } }';
      const hash = createHash('sha256').update(query).digest('hex');
      await postJson(platform.url, { query, extensions: persisted(hash) }, admin); // the dashboard registers it (APQ)
      const byHash = await postJson(platform.url, { extensions: persisted(hash) }, await partner());
      expect(codeOf(byHash)).toBe('PERSISTED_QUERY_NOT_FOUND');
      expect(byHash.body?.data).toBeUndefined();
      const inFull = await postJson(platform.url, { query, extensions: persisted(hash) }, await partner());
      expect(inFull.status).toBe(403);
      expect(codeOf(inFull)).toBe('FORBIDDEN');
    });

    it("does not tell one principal whether another has run an operation: registrations are per principal", async () => {
      const organizations = platform.plan.organizations;
      const otherTenant = bearer(await tokenFor({ role: 'org_admin', sub: 'admin-2', org: organizations[1]!.id, mfa: true }));
      const colleague = bearer(await tokenFor({ role: 'org_admin', sub: 'admin-1b', org: organizations[0]!.id, mfa: true }));
      const query = `query OnlyAdminOneRan { patients(first: 3) { edges { cursor } } }`;
      const hash = createHash('sha256').update(query).digest('hex');
      const registering = await postJson(platform.url, { query, extensions: persisted(hash) }, admin);
      expect(registering.body?.errors).toBeUndefined();
      expect(codeOf(await postJson(platform.url, { extensions: persisted(hash) }, admin))).toBeUndefined();
      for (const stranger of [otherTenant, colleague]) {
        const probe = await postJson(platform.url, { extensions: persisted(hash) }, stranger);
        expect(codeOf(probe)).toBe('PERSISTED_QUERY_NOT_FOUND');
        expect(probe.body?.data).toBeUndefined();
      }
      // Each registers its own, and then runs it by hash.
      await postJson(platform.url, { query, extensions: persisted(hash) }, otherTenant);
      expect(codeOf(await postJson(platform.url, { extensions: persisted(hash) }, otherTenant))).toBeUndefined();
    });

    it("runs the dashboard's registered documents by hash for any caller not restricted, and only those for the dashboard's client", async () => {
      const dashboard = manifest.clients['caregraph-dashboard']!.operations.find((operation) => operation.name === 'VitalSignCodes')!;
      // A token from `pnpm dev-token` (no client id): the dashboard sends only the hash, and it runs.
      const byHash = await postJson(platform.url, { extensions: persisted(dashboard.id) }, admin);
      expect(byHash.body?.errors).toBeUndefined();
      expect(byHash.body?.data?.['vitalSignCodes']).toEqual(expect.arrayContaining([expect.objectContaining({ code: '8867-4' })]));
      // Issued to the dashboard: its own documents run, nothing else does.
      const dashboardClient = bearer(await tokenFor({ role: 'org_admin', sub: 'admin-1', org: platform.plan.organizations[0]!.id, mfa: true, client: 'caregraph-dashboard' }));
      expect((await postJson(platform.url, { extensions: persisted(dashboard.id) }, dashboardClient)).body?.errors).toBeUndefined();
      const other = await postJson(platform.url, { query: '{ patients(first: 100) { edges { node { id mrn } } } }' }, dashboardClient);
      expect(other.status).toBe(403);
      expect(codeOf(other)).toBe('FORBIDDEN');
    });

    it('does not restrict a client that registered nothing', async () => {
      const answer = await postJson(platform.url, { query: '{ patients(first: 1) { edges { node { id } } } }' }, await partner('some-other-client'));
      expect(answer.status).toBe(200);
      expect(answer.body?.errors).toBeUndefined();
    });

    it('serves automatic persisted queries: an unknown hash is asked for, then the hash alone runs', async () => {
      const query = `query Vitals($id: ID!) { patient(id: $id) { latestVitals { code value } } }`;
      const hash = createHash('sha256').update(query).digest('hex');
      const unknown = await postJson(platform.url, { extensions: persisted(hash), variables: { id: patient() } }, admin);
      expect(codeOf(unknown)).toBe('PERSISTED_QUERY_NOT_FOUND');
      const registering = await postJson(platform.url, { query, extensions: persisted(hash), variables: { id: patient() } }, admin);
      expect(registering.body?.errors).toBeUndefined();
      const byHash = await postJson(platform.url, { extensions: persisted(hash), variables: { id: patient() } }, admin);
      expect(byHash.body).toEqual(registering.body);
    });

    it('checks limits before an operation is cached: a refused one is not registered', async () => {
      const query = `query Costly($n: Int = 100) { patients(first: $n) { edges { node { observations(first: $n) { edges { node { id } } } } } } }`;
      const hash = createHash('sha256').update(query).digest('hex');
      const refused = await postJson(platform.url, { query, extensions: persisted(hash) }, admin);
      expect(refused.status).toBe(400);
      const again = await postJson(platform.url, { extensions: persisted(hash) }, admin);
      expect(codeOf(again)).toBe('PERSISTED_QUERY_NOT_FOUND');
    });
  });

  describe('media types of refusals (GraphQL over HTTP)', () => {
    const GRAPHQL_RESPONSE = 'application/graphql-response+json';
    const refusals = (accept: Record<string, string>) => [
      ['401', () => postJson(platform.url, { query: '{ __typename }' }, accept)],
      ['413', () => send(platform.url, { headers: { ...json, ...accept }, body: JSON.stringify({ query: '{ __typename }', variables: { x: 'x'.repeat(LIMITS.maxBodyBytes) } }) })],
      ['415', () => send(platform.url, { headers: { ...admin, ...accept, 'content-type': 'text/plain' }, body: '{}' })],
    ] as const;

    it('answers a client that accepts only application/graphql-response+json in that type, before and after GraphQL runs', async () => {
      for (const [status, refuse] of refusals({ accept: GRAPHQL_RESPONSE })) {
        const answer = await refuse();
        expect(String(answer.status)).toBe(status);
        expect(answer.headers.get('content-type'), status).toMatch(/^application\/graphql-response\+json/);
        expect(answer.body?.errors?.[0]?.extensions?.['code']).toEqual(expect.any(String));
      }
      const ran = await postJson(platform.url, { query: '{ __typename }' }, { ...admin, accept: GRAPHQL_RESPONSE });
      expect(ran.headers.get('content-type')).toMatch(/^application\/graphql-response\+json/);
    });

    it('answers application/json to clients that prefer it, accept anything, or say nothing', async () => {
      for (const accept of [{ accept: 'application/json' }, { accept: '*/*' }, {}, { accept: `application/json, ${GRAPHQL_RESPONSE};q=0.5` }] as Record<string, string>[]) {
        for (const [status, refuse] of refusals(accept)) {
          const answer = await refuse();
          expect(answer.headers.get('content-type'), `${status} ${JSON.stringify(accept)}`).toMatch(/^application\/json/);
        }
      }
    });
  });

  describe('request ids', () => {
    it('names every answer by its own id, echoes a well-formed caller id beside it and drops a malformed one', async () => {
      const given = await postJson(platform.url, { query: '{ __typename }' }, { ...admin, 'x-request-id': 'dashboard-7f3a9c21' });
      expect(given.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);
      expect(given.headers.get('x-client-request-id')).toBe('dashboard-7f3a9c21');
      for (const malformed of ['short', 'has spaces in it', 'x'.repeat(200), 'semi;colon-123456']) {
        const answer = await postJson(platform.url, { query: '{ __typename }' }, { ...admin, 'x-request-id': malformed });
        expect(answer.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);
        expect(answer.headers.get('x-client-request-id')).toBeNull();
      }
      const refusals = [
        await postJson(platform.url, { query: '{ __typename }' }),
        await send(platform.url, { headers: { ...admin, 'content-type': 'text/plain' }, body: '{}' }),
        await send(platform.url, { headers: json, body: JSON.stringify({ query: '{ __typename }', variables: { x: 'x'.repeat(LIMITS.maxBodyBytes) } }) }),
      ];
      for (const refusal of refusals) expect(refusal.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);
    });
  });

  describe('development tools are off in production', () => {
    it('refuses introspection', async () => {
      const answer = await postJson(platform.url, { query: '{ __schema { types { name } } }' }, admin);
      expect(answer.status).toBe(400);
      expect(codeOf(answer)).toBe('GRAPHQL_VALIDATION_FAILED');
      expect(answer.body?.data).toBeUndefined();
    });

    it('serves no explorer landing page', async () => {
      const response = await fetch(platform.url, { headers: { accept: 'text/html' } });
      expect(response.headers.get('content-type') ?? '').not.toMatch(/text\/html/);
      expect(await response.text()).not.toMatch(/<html|apollographql\.com/i);
    });

    it('suggests no field names', async () => {
      const answer = await postJson(platform.url, { query: '{ patiens(first: 1) { pageInfo { hasNextPage } } }' }, admin);
      expect(codeOf(answer)).toBe('GRAPHQL_VALIDATION_FAILED');
      expect(JSON.stringify(answer.body)).not.toMatch(/Did you mean|"patients"/);
    });
  });
});
