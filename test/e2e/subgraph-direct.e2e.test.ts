import type { ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import postgres from 'postgres';
import { stringify } from 'yaml';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PEER_CREDENTIAL_HEADER, planDemoData, ROUTER_CREDENTIAL_HEADER, ROUTER_PROOF_HEADER, RouterProof, signDevToken, SMALL_DEMO } from '@caregraph/platform';
import { createTestDatabase, type TestDatabase } from '../support/database.ts';
import { postGraphQL, type GraphQLResponse } from '../support/graphql-client.ts';
import { bearer, TEST_DEV_KEY_FILE, TEST_ROUTER_SECRET_FILE, tokenFor } from '../support/tokens.ts';
import { freePort } from '../support/platform.ts';
import { startSubgraphProcess, stopProcess } from '@caregraph/router/subgraph-process';

const ROOT = resolve(import.meta.dirname, '../..');
/** The shared secrets the subgraph process is configured with: a router's current and previous (mid-rotation), a peer's. */
const CREDENTIALS = { router: [randomUUID() + randomUUID(), randomUUID() + randomUUID()], peer: [randomUUID() + randomUUID()] };

const plan = planDemoData(SMALL_DEMO);
const home = plan.organizations[0]!;
const other = plan.organizations[1]!;
const homePatient = plan.patients.find((patient) => patient.organizationId === home.id)!;
const otherPatient = plan.patients.find((patient) => patient.organizationId === other.id)!;

const ENTITIES = `query ($representations: [_Any!]!) {
  _entities(representations: $representations) { ... on Patient { id organizationId mrn name { family } } }
}`;
const representationsOf = (...ids: string[]) => ({ representations: ids.map((id) => ({ __typename: 'Patient', id })) });

interface Operation {
  query: string;
  variables?: Record<string, unknown>;
}
/** What a caller who found a subgraph's address would try first, and what the router gets for it. */
const OPERATIONS: Record<string, Operation & { answer: Record<string, unknown> }> = {
  '_service { sdl }': {
    query: '{ _service { sdl } }',
    answer: { _service: { sdl: expect.stringContaining('type Patient') } },
  },
  '_entities (a Patient)': {
    query: ENTITIES,
    variables: representationsOf(homePatient.id),
    answer: { _entities: [{ id: homePatient.id, mrn: homePatient.mrn }] },
  },
  'an ordinary patients query': {
    query: '{ patients(first: 5) { edges { node { id mrn } } } }',
    answer: { patients: { edges: expect.arrayContaining([{ node: { id: homePatient.id, mrn: homePatient.mrn } }]) } },
  },
};

/**
 * A subgraph in its own process (distributed mode), called directly over HTTP, bypassing the
 * router: without the router's proof for this very operation and a valid token, it answers 401 and
 * no data. With both, record-level reach still holds, even for raw `_entities` calls.
 */
describe('a subgraph called directly, not through the router', () => {
  let subgraph: Awaited<ReturnType<typeof startPatientsProcess>>;
  let proof: RouterProof;
  let homeAdmin: Record<string, string>;
  let otherAdmin: Record<string, string>;

  beforeAll(async () => {
    // Created before the process starts, so both sides read the same secret file.
    proof = RouterProof.fromConfig(undefined, TEST_ROUTER_SECRET_FILE, CREDENTIALS);
    homeAdmin = bearer(await tokenFor({ role: 'org_admin', sub: 'admin-home', org: home.id, mfa: true }));
    otherAdmin = bearer(await tokenFor({ role: 'org_admin', sub: 'admin-other', org: other.id, mfa: true }));
    subgraph = await startPatientsProcess();
  });
  afterAll(async () => {
    await subgraph?.stop();
  });

  /** A fresh router proof, bound to the token of `caller` (the home admin's unless said). */
  const proofFor = (operation: Operation, caller: Record<string, string> = homeAdmin) => ({
    [ROUTER_PROOF_HEADER]: proof.sign({ ...operation, token: caller['authorization']?.replace(/^Bearer /, '') ?? null }, 'router'),
  });
  const send = (operation: Operation, headers: Record<string, string>) =>
    postGraphQL(subgraph.url, operation.query, operation.variables, headers);

  function expectRefused(response: GraphQLResponse) {
    expect(response.status).toBe(401);
    expect(response.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    expect(response).not.toHaveProperty('data');
    expect(JSON.stringify(response)).not.toContain(homePatient.mrn);
  }

  const REFUSED: [string, (operation: Operation) => Record<string, string>][] = [
    ['no proof and no token', () => ({})],
    ['a valid token but no proof', () => homeAdmin],
    ['a proof but no token', (operation) => proofFor(operation)],
    ['a valid token and a proof signed for another query (replay)', () => ({ ...homeAdmin, ...proofFor({ query: '{ __typename }' }) })],
    ['a service proof (the platform’s own calls) carrying a token', (operation) => ({ ...homeAdmin, [ROUTER_PROOF_HEADER]: proof.sign(operation, 'service') })],
    // The proof covers the headers the subgraph believes behind it: none can be changed or added in transit.
    ['a valid token and proof, with a request id of the sender’s choosing added', (operation) => ({ ...homeAdmin, ...proofFor(operation), 'x-request-id': 'chosen-by-the-sender-1' })],
    ['a valid token and proof, with a forged caller address added', (operation) => ({ ...homeAdmin, ...proofFor(operation), 'x-forwarded-for': '10.9.8.7' })],
    ['a valid token and a wrong router credential', () => ({ ...homeAdmin, [ROUTER_CREDENTIAL_HEADER]: 'x'.repeat(64) })],
    ['a valid token and the router credential as the peer credential’s prefix', () => ({ ...homeAdmin, [PEER_CREDENTIAL_HEADER]: CREDENTIALS.peer[0]!.slice(0, 40) })],
    ['the router credential but no token', () => ({ [ROUTER_CREDENTIAL_HEADER]: CREDENTIALS.router[0]! })],
  ];

  it('records a refusal in the service’s own audit trail, with the caller’s address', async () => {
    const requestId = randomUUID();
    const { answer: _answer, ...operation } = OPERATIONS['an ordinary patients query']!;
    // First of all the tests: refusals are aggregated per address and code (door-refusals.ts), so
    // only the first refusal of 127.0.0.1 in a window is recorded at once, with its request id.
    expectRefused(await send(operation, { ...homeAdmin, 'x-request-id': requestId, 'user-agent': `probe-${requestId}` }));
    // The trail is in the subgraph process's database: readable here on a PostgreSQL server
    // (CI's PostgreSQL pass); on embedded PGlite it lives in that process's memory.
    if (!subgraph.databaseUrl) return;
    const sql = postgres(subgraph.databaseUrl, { max: 1, onnotice: () => {} });
    try {
      const rows = await sql`select action, outcome, resource_type, fields, actor_sub, source_address from audit.events where client_request_id = ${requestId}`;
      expect(rows).toEqual([
        { action: 'deny', outcome: 'denied', resource_type: 'Request', fields: ['UNAUTHENTICATED'], actor_sub: null, source_address: expect.stringMatching(/127\.0\.0\.1/) },
      ]);
    } finally {
      await sql.end();
    }
  });

  describe.each(Object.entries(OPERATIONS))('%s', (_name, { answer, ...operation }) => {
    it.each(REFUSED)('is refused with %s', async (_case, headers) => {
      expectRefused(await send(operation, headers(operation)));
    });

    it.each([
      ['the router’s proof', (op: Operation) => proofFor(op)],
      ['the router credential', () => ({ [ROUTER_CREDENTIAL_HEADER]: CREDENTIALS.router[0]! })],
      ['the previous router credential (during a rotation)', () => ({ [ROUTER_CREDENTIAL_HEADER]: CREDENTIALS.router[1]! })],
      ['the peer credential', () => ({ [PEER_CREDENTIAL_HEADER]: CREDENTIALS.peer[0]! })],
    ])('is answered with %s and a valid token (so the refusals above are real)', async (_case, trust) => {
      const response = await send(operation, { ...homeAdmin, ...trust(operation) });
      expect(response.status).toBe(200);
      expect(response.errors).toBeUndefined();
      expect(response.data).toMatchObject(answer);
    });
  });

  it('answers a service proof without a token as no one: nothing of a patient comes back', async () => {
    for (const name of ['_entities (a Patient)', 'an ordinary patients query']) {
      const { answer: _answer, ...operation } = OPERATIONS[name]!;
      const response = await send(operation, { [ROUTER_PROOF_HEADER]: proof.sign(operation, 'service') });
      expect(response.status).toBe(200);
      expect(JSON.stringify(response)).not.toContain(homePatient.mrn);
      expect(JSON.stringify(response)).not.toContain(homePatient.id);
    }
  });

  it('refuses a proof replayed for other variables (another patient)', async () => {
    const captured = proofFor({ query: ENTITIES, variables: representationsOf(otherPatient.id) });
    expectRefused(await send({ query: ENTITIES, variables: representationsOf(homePatient.id) }, { ...homeAdmin, ...captured }));
  });

  it('refuses a router proof captured with one token and replayed with another principal’s', async () => {
    const operation = { query: ENTITIES, variables: representationsOf(otherPatient.id) };
    const captured = proofFor(operation, homeAdmin);
    expectRefused(await send(operation, { ...otherAdmin, ...captured }));
  });

  it('accepts a router proof once: the same call replayed with the same token is refused', async () => {
    const { answer: _answer, ...operation } = OPERATIONS['an ordinary patients query']!;
    const captured = proofFor(operation);
    expect((await send(operation, { ...homeAdmin, ...captured })).status).toBe(200);
    expectRefused(await send(operation, { ...homeAdmin, ...captured }));
  });

  it('refuses a correct proof with a token from an issuer it does not trust', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'caregraph-stranger-'));
    try {
      const forged = await signDevToken(join(dir, 'issuer.json'), { role: 'org_admin', sub: 'admin-home', org: home.id, mfa: true });
      const operation = { query: ENTITIES, variables: representationsOf(homePatient.id) };
      expectRefused(await send(operation, { ...bearer(forged), ...proofFor(operation, bearer(forged)) }));
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('refuses GET, even with a proof and a valid token', async () => {
    const operation = { query: '{ _service { sdl } }' };
    const url = new URL(subgraph.url);
    url.searchParams.set('query', operation.query);
    const response = await fetch(url, { headers: { ...homeAdmin, ...proofFor(operation), 'apollo-require-preflight': 'true' } });
    const body = (await response.json()) as Record<string, unknown>;
    expectRefused({ status: response.status, headers: response.headers, ...body });
  });

  it('shows a browser no page (Apollo would serve its landing page before the proof is checked)', async () => {
    const browsers: Record<string, string>[] = [{ accept: 'text/html' }, { accept: 'text/html', 'apollo-require-preflight': 'true' }];
    for (const headers of browsers) {
      const response = await fetch(subgraph.url, { headers });
      expect(response.headers.get('content-type')).not.toMatch(/text\/html/);
      expect(response.status).toBeGreaterThanOrEqual(400);
      expect(await response.text()).not.toMatch(/<html/i);
    }
  });

  describe('the care-team panel other domains ask for (internal: a peer’s call only)', () => {
    const clinician = home.clinicians[0]!;
    const onTeam = plan.patients.find((patient) => patient.organizationId === home.id && patient.careTeam.includes(clinician))!;
    const offTeam = plan.patients.find((patient) => patient.organizationId === home.id && !patient.careTeam.includes(clinician))!;
    const panelQuery = (clinicianId: string) => ({
      query: `query ($representations: [_Any!]!, $ids: [ID!]!) {
        _entities(representations: $representations) { ... on CareTeamPanel { clinicianId patientIdsAmong(ids: $ids) } }
      }`,
      variables: { representations: [{ __typename: 'CareTeamPanel', clinicianId }], ids: [onTeam.id, offTeam.id, otherPatient.id, 'not-an-id'] },
    });
    const asClinician = async (sub: string) => bearer(await tokenFor({ role: 'clinician', sub, org: home.id, mfa: true }));

    it('answers which of the given patients are on the clinician’s own care team, and no others', async () => {
      const operation = panelQuery(clinician);
      const caller = await asClinician(clinician);
      const response = await send(operation, { ...caller, [PEER_CREDENTIAL_HEADER]: CREDENTIALS.peer[0]! });
      expect(response.errors).toBeUndefined();
      expect(response.data?._entities).toEqual([{ clinicianId: clinician, patientIdsAmong: [onTeam.id] }]);
    });

    it('does not answer for another clinician’s panel', async () => {
      const operation = panelQuery(clinician);
      const caller = await asClinician(home.clinicians[1]!);
      const response = await send(operation, { ...caller, [PEER_CREDENTIAL_HEADER]: CREDENTIALS.peer[0]! });
      expect(response.data?._entities).toEqual([null]);
    });

    it.each([
      ['the router credential', () => ({ [ROUTER_CREDENTIAL_HEADER]: CREDENTIALS.router[0]! })],
      ['the router’s proof', (op: Operation, caller: Record<string, string>) => proofFor(op, caller)],
    ])('refuses it to %s: a router runs only what its API holds', async (_case, trust) => {
      const operation = panelQuery(clinician);
      const caller = await asClinician(clinician);
      const response = await send(operation, { ...caller, ...trust(operation, caller) });
      expect(response.status).toBe(403);
      expect(response.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
      expect(response).not.toHaveProperty('data');
    });
  });

  describe('with the router’s proof, _entities keeps record-level reach', () => {
    const operation = { query: ENTITIES, variables: representationsOf(homePatient.id, otherPatient.id) };

    it('resolves the caller’s own organization’s patient', async () => {
      const response = await send(operation, { ...homeAdmin, ...proofFor(operation) });
      expect(response.status).toBe(200);
      expect(response.data?._entities).toEqual([
        { id: homePatient.id, organizationId: home.id, mrn: homePatient.mrn, name: { family: homePatient.family } },
        null,
      ]);
    });

    it('returns null for another organization’s patient, and none of its PHI', async () => {
      const response = await send(operation, { ...otherAdmin, ...proofFor(operation, otherAdmin) });
      expect(response.status).toBe(200);
      expect(response.data?._entities).toEqual([
        null,
        { id: otherPatient.id, organizationId: other.id, mrn: otherPatient.mrn, name: { family: otherPatient.family } },
      ]);
      expect(JSON.stringify(response)).not.toContain(homePatient.mrn);
    });
  });

  // Last: it spends this address's budget of refusals for the window.
  it('rate-limits refused calls per address (429 with Retry-After) and records them as one counted event', async () => {
    const requestId = randomUUID();
    const agent = `loop-${requestId}`;
    const { answer: _answer, ...operation } = OPERATIONS['an ordinary patients query']!;
    const statuses: number[] = [];
    let retryAfter: string | null = null;
    for (let i = 0; i < 80; i += 1) {
      const response = await fetch(subgraph.url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'user-agent': agent, 'x-request-id': i === 0 ? requestId : randomUUID() },
        body: JSON.stringify(operation),
      });
      statuses.push(response.status);
      if (response.status === 429) retryAfter ??= response.headers.get('retry-after');
      await response.text();
    }
    expect(statuses).toContain(401);
    expect(statuses.at(-1)).toBe(429);
    expect(Number(retryAfter)).toBeGreaterThan(0);
    if (!subgraph.databaseUrl) return;
    const sql = postgres(subgraph.databaseUrl, { max: 1, onnotice: () => {} });
    try {
      // Aggregated per address and code: a new user agent opens no event of its own (the loop's
      // refusals are counted into the address's event, recorded when the window ends)...
      expect(await sql`select fields from audit.events where user_agent = ${agent}`).toEqual([]);
      // ...and every test of this file together left at most one event per code of this address at once.
      const rows = await sql<{ fields: string[] }[]>`
        select fields from audit.events where action = 'deny' and resource_type = 'Request' and source_address::text like '%127.0.0.1%'`;
      expect(rows.length).toBeGreaterThan(0);
      for (const { fields } of rows) expect(fields).toHaveLength(1);
      expect(new Set(rows.map(({ fields }) => fields[0])).size).toBe(rows.length);
    } finally {
      await sql.end();
    }
  });
});

/**
 * Starts the patients subgraph as distributed mode does: its own Node process, on the port of the
 * routing_url in a supergraph config of its own, with a fresh database seeded with the demo set.
 */
async function startPatientsProcess(): Promise<{ url: string; databaseUrl: string | undefined; stop(): Promise<void> }> {
  const db: TestDatabase = await createTestDatabase();
  const dir = mkdtempSync(join(tmpdir(), 'caregraph-subgraph-direct-'));
  const url = `http://127.0.0.1:${await freePort()}/graphql`;
  const supergraphConfig = join(dir, 'supergraph.yaml');
  writeFileSync(
    supergraphConfig,
    stringify({
      federation_version: '=2.3.0',
      subgraphs: { patients: { routing_url: url, schema: { file: resolve(ROOT, 'subgraphs/patients/src/schema.graphql') } } },
    }),
  );
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    SUPERGRAPH_CONFIG: supergraphConfig,
    DEMO_DATA: 'true',
    PGLITE_DATA_DIR: 'memory',
    DATABASE_POOL_MAX: '2',
    AUTH_DEV_KEY_FILE: TEST_DEV_KEY_FILE,
    ROUTER_SECRET_FILE: TEST_ROUTER_SECRET_FILE,
    ROUTER_CREDENTIAL: CREDENTIALS.router[0],
    ROUTER_CREDENTIAL_PREVIOUS: CREDENTIALS.router[1],
    PEER_CREDENTIAL: CREDENTIALS.peer[0],
  };
  // Nothing inherited may change whom the process trusts or where it listens.
  for (const name of ['PORT', 'DATABASE_URL', 'ROUTER_SECRET', 'AUTH_JWKS_URL', 'PEER_CREDENTIAL_PREVIOUS']) delete env[name];
  if (db.url) env.DATABASE_URL = db.url;

  const cleanUp = async () => {
    await db.drop();
    rmSync(dir, { recursive: true, force: true });
  };
  let child: ChildProcess;
  try {
    child = await startSubgraphProcess('patients', url, env, 'ignore');
  } catch (error) {
    await cleanUp();
    throw error;
  }
  return {
    url,
    databaseUrl: db.url,
    async stop() {
      await stopProcess(child);
      await cleanUp();
    },
  };
}
