import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditTrailReader, type AuditTrailReader } from '../support/audit-trail.ts';
import { createTestDatabase, type TestDatabase } from '../support/database.ts';
import { PROCESS_TEST_TIMEOUT_MS, startPlatformProcess, type PlatformProcess } from '../support/platform-process.ts';
import { productionEnv, type ProductionEnv } from '../support/production-env.ts';
import { bearer, tokenFor } from '../support/tokens.ts';

const QUERY = '{ patients(first: 1) { edges { node { id } } } }';
const persisted = (query: string) => ({ persistedQuery: { version: 1, sha256Hash: createHash('sha256').update(query).digest('hex') } });

interface Answer {
  status: number;
  contentType: string;
  requestId: string;
  text: string;
}

async function send(url: string, init: RequestInit): Promise<Answer> {
  const response = await fetch(url, init);
  return { status: response.status, contentType: response.headers.get('content-type') ?? '', requestId: response.headers.get('x-request-id') ?? '', text: await response.text() };
}

/** A GET carrying only a persisted-query hash (no document, no token), with the CSRF header a script can set. */
const getByHash = (url: string, extensions: unknown, accept: string) =>
  send(`${url}?${new URLSearchParams({ extensions: JSON.stringify(extensions) })}`, { headers: { accept, 'apollo-require-preflight': '1' } });

/**
 * Every operation needs a verified caller, however it arrives. A GET with a persisted-query hash
 * and no token once ran in production as nobody (and wrote anonymous audit rows): the router
 * skipped authentication for anything that looked like a request for the explorer page (a GET
 * without `query` accepting HTML), and with no explorer page in production, Apollo ran it.
 * Over real HTTP, against the platform as `pnpm start` runs it, in both environments.
 */
describe.each(['production', 'development'] as const)('a verified caller for every operation (NODE_ENV=%s)', (environment) => {
  let database: TestDatabase;
  let production: ProductionEnv | undefined;
  let platform: PlatformProcess;
  let trail: AuditTrailReader | null;
  beforeAll(async () => {
    database = await createTestDatabase();
    production = environment === 'production' ? await productionEnv() : undefined;
    platform = await startPlatformProcess('in-process', production?.env ?? { NODE_ENV: 'development' }, { database });
    trail = auditTrailReader(null, database.url ? [database.url] : []);
    // A caller with a token registers the operation in the APQ cache, as the dashboard does.
    const registered = await send(platform.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...bearer(await tokenFor({ role: 'analyst', sub: 'analyst-1' })) },
      body: JSON.stringify({ query: QUERY, extensions: persisted(QUERY) }),
    });
    expect(registered.status).toBe(200);
  }, PROCESS_TEST_TIMEOUT_MS);
  afterAll(async () => {
    await trail?.close();
    await platform?.stop();
    await production?.close();
    await database?.drop();
  });

  /** Refused before anything ran: 401, no data, and the trail holds the refusal only. */
  async function expectRefused(answer: Answer) {
    expect(answer.status, answer.text).toBe(401);
    const body = JSON.parse(answer.text) as { data?: unknown; errors: { extensions: { code: string } }[] };
    expect(body.data).toBeUndefined();
    expect(body.errors[0]!.extensions.code).toBe('UNAUTHENTICATED');
    if (trail) {
      const events = await trail.eventsOf(answer.requestId);
      expect(events.map((event) => [event.action, event.resource_type, event.fields, event.actor_sub])).toEqual([['deny', 'Request', ['UNAUTHENTICATED'], null]]);
    }
  }

  it('refuses a GET with a cached hash and no token that accepts HTML (the explorer page is for a GET with no operation)', async () => {
    await expectRefused(await getByHash(platform.url, persisted(QUERY), 'text/html'));
  });

  it('refuses a GET with a cached hash that mentions HTML but prefers JSON', async () => {
    await expectRefused(await getByHash(platform.url, persisted(QUERY), 'application/json, text/html;q=0.1'));
  });

  it('refuses a GET with a cached hash asking for JSON or GraphQL responses', async () => {
    await expectRefused(await getByHash(platform.url, persisted(QUERY), 'application/json'));
    await expectRefused(await getByHash(platform.url, persisted(QUERY), 'application/graphql-response+json'));
  });

  it('refuses a POST with a cached hash only', async () => {
    await expectRefused(await send(platform.url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ extensions: persisted(QUERY) }) }));
  });

  it('does not tell a stranger whether a hash is cached (401, not PERSISTED_QUERY_NOT_FOUND)', async () => {
    await expectRefused(await getByHash(platform.url, persisted('{ never { ran } }'), 'application/json, text/html;q=0.1'));
  });

  it('still runs the cached hash for a caller with a token, over GET', async () => {
    const token = await tokenFor({ role: 'analyst', sub: 'analyst-1' });
    const response = await fetch(`${platform.url}?${new URLSearchParams({ extensions: JSON.stringify(persisted(QUERY)) })}`, {
      headers: { accept: 'application/json', 'apollo-require-preflight': '1', ...bearer(token) },
    });
    expect(response.status).toBe(200);
    expect(((await response.json()) as { data: { patients: { edges: unknown[] } } }).data.patients.edges).toBeInstanceOf(Array);
  });
});
