import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TestPlatform } from '../support/platform.ts';
import { bearer, tokenFor } from '../support/tokens.ts';
import { codeOf, postJson, send, startPlatformWith, type Answer } from './support.ts';

/** What a caller's hostile value carries, so its echo can be looked for anywhere in an answer. */
const SECRET = 'MRN-4471-PHI';
const cursorOf = (values: unknown) => Buffer.from(JSON.stringify(values)).toString('base64url');
const NIL = '00000000-0000-4000-8000-000000000000';

/** Refused as the caller's mistake, naming what was wrong, never echoing it, with nothing served. */
function expectRefusal(answer: Answer, field: string | RegExp): void {
  expect(codeOf(answer), JSON.stringify(answer.body)).toBe('BAD_USER_INPUT');
  const error = answer.body!.errors![0]!;
  if (typeof field === 'string') expect(error.extensions?.['field']).toBe(field);
  else expect(String(error.extensions?.['field'])).toMatch(field);
  expect(JSON.stringify(answer.body)).not.toContain(SECRET);
  expect(JSON.stringify(answer.body)).not.toContain('\\u0000');
  expect(JSON.stringify(answer.body)).not.toMatch(/INTERNAL/);
}

// In-process: the refusals are the router's and the subgraphs' own, the same in both modes.
describe('hostile input is refused by name, never reaching SQL nor echoed (black box, production settings)', () => {
  let platform: TestPlatform;
  let admin: Record<string, string>;
  let auditor: Record<string, string>;
  beforeAll(async () => {
    platform = await startPlatformWith({ NODE_ENV: 'production' });
    const organization = platform.plan.organizations[0]!.id;
    admin = bearer(await tokenFor({ role: 'org_admin', sub: 'admin-1', org: organization, mfa: true }));
    auditor = bearer(await tokenFor({ role: 'auditor', sub: 'auditor-1', org: organization, mfa: true }));
  });
  afterAll(async () => {
    await platform?.stop();
  });
  const patient = () => platform.plan.patients[0]!.id;

  describe('control characters in text arguments', () => {
    it('refuses a NUL byte in a filter, as a variable or a literal, naming the input field', async () => {
      const query = 'query ($f: PatientFilterInput) { patients(filter: $f) { edges { node { id } } } }';
      for (const mrn of [`${SECRET}\u0000`, `a\u0001${SECRET}`, `${SECRET}\u007f`, `${SECRET}\u009b`]) {
        expectRefusal(await postJson(platform.url, { query, variables: { f: { mrn } } }, admin), 'filter.mrn');
      }
      expectRefusal(await postJson(platform.url, { query: `{ patients(filter: { email: "${SECRET}\\u0000" }) { edges { node { id } } } }` }, admin), 'filter.email');
    });

    it('refuses them in every text argument, of any domain', async () => {
      expectRefusal(await postJson(platform.url, { query: 'query ($r: String) { auditEvents(requestId: $r) { edges { cursor } } }', variables: { r: `x\u0000${SECRET}` } }, auditor), 'requestId');
      const code = await postJson(platform.url, { query: 'query ($p: ID!, $c: String) { patient(id: $p) { observations(code: $c) { edges { cursor } } } }', variables: { p: patient(), c: `\u0000${SECRET}` } }, admin);
      expectRefusal(code, 'code');
    });
  });

  describe('dates outside the years the database holds', () => {
    it('refuses year 0000 as a variable or a literal, naming the argument, with 400 before any subgraph is asked', async () => {
      const byVariable = await postJson(
        platform.url,
        { query: 'query ($p: ID!, $from: DateTime) { patient(id: $p) { observations(from: $from) { edges { cursor } } } }', variables: { p: patient(), from: '0000-01-01T00:00:00Z' } },
        admin,
      );
      expect(byVariable.status).toBe(400);
      expectRefusal(byVariable, 'from');
      const byLiteral = await postJson(platform.url, { query: `{ patient(id: "${patient()}") { observations(from: "0000-06-01T00:00:00Z") { edges { cursor } } } }` }, admin);
      expect(byLiteral.status).toBe(400);
      expectRefusal(byLiteral, 'from');
      const audit = await postJson(platform.url, { query: '{ auditEvents(from: "0000-01-01T00:00:00Z") { edges { cursor } } }' }, auditor);
      expectRefusal(audit, 'from');
    });
  });

  describe('forged cursors', () => {
    const forged = [
      cursorOf([1e308, NIL]),
      cursorOf([8.64e15, NIL]),
      cursorOf([-8.64e15, NIL]),
      cursorOf([0.5, NIL]),
      cursorOf(['0000-01-01T00:00:00.000Z', NIL]),
      cursorOf(['+275760-09-13T00:00:00.000Z', NIL]),
      cursorOf([`2026-01-01T00:00:00.000Z`, `${NIL}\u0000`]),
      `${cursorOf([Date.UTC(2026, 0, 1), NIL])}==`,
      cursorOf([SECRET]),
    ];

    it('refuses each in every connection, naming `after`', async () => {
      for (const after of forged) {
        expectRefusal(await postJson(platform.url, { query: 'query ($a: String) { patients(after: $a) { edges { cursor } } }', variables: { a: after } }, admin), 'after');
        expectRefusal(await postJson(platform.url, { query: 'query ($a: String) { devices(after: $a) { edges { cursor } } }', variables: { a: after } }, admin), 'after');
        expectRefusal(
          await postJson(platform.url, { query: 'query ($p: ID!, $a: String) { patient(id: $p) { observations(after: $a) { edges { cursor } } } }', variables: { p: patient(), a: after } }, admin),
          'after',
        );
      }
      for (const after of [cursorOf([1, 'patients', 1e20]), cursorOf([1e300, 'patients', 1]), cursorOf([1, `patients\u0000`, 1]), cursorOf([1, 'patients', 1.5])]) {
        expectRefusal(await postJson(platform.url, { query: 'query ($a: String) { auditEvents(after: $a) { edges { cursor } } }', variables: { a: after } }, auditor), 'after');
      }
    });

    it('still follows the cursors the connections hand out', async () => {
      const first = await postJson(platform.url, { query: '{ patients(first: 1) { pageInfo { endCursor } } }' }, admin);
      const after = first.body!.data!['patients'].pageInfo.endCursor as string;
      const next = await postJson(platform.url, { query: 'query ($a: String) { patients(first: 1, after: $a) { edges { cursor } } }', variables: { a: after } }, admin);
      expect(next.body?.errors).toBeUndefined();
      expect(next.body!.data!['patients'].edges).toHaveLength(1);
    });
  });

  describe('rejected values are not echoed in messages', () => {
    it('masks the whole value, not only up to its first "." or ";"', async () => {
      for (const value of [`x.${SECRET}`, `a; b.${SECRET}`, `"; Int cannot represent non-integer value: ${SECRET}`]) {
        const answer = await postJson(platform.url, { query: 'query ($n: Int) { patients(first: $n) { edges { cursor } } }', variables: { n: value } }, admin);
        expect(answer.status).toBe(400);
        expectRefusal(answer, 'n');
        const literal = await postJson(platform.url, { query: `{ patients(first: ${JSON.stringify(value)}) { edges { cursor } } }` }, admin);
        expect(JSON.stringify(literal.body)).not.toContain(SECRET);
        const syntax = await postJson(platform.url, { query: `{ patients(first: 1 ${JSON.stringify(value)}) { edges { cursor } } }` }, admin);
        expect(codeOf(syntax)).toBe('GRAPHQL_PARSE_FAILED');
        expect(JSON.stringify(syntax.body)).not.toContain(SECRET);
      }
    });
  });

  describe('malformed requests are 400s with a clear GraphQL error, never 500', () => {
    const malformed: [string, unknown][] = [
      ['two operations and no operationName', { query: 'query A { __typename } query B { __typename }' }],
      ['an operationName the document does not hold', { query: 'query A { __typename }', operationName: SECRET }],
      ['a subscription (the API has none)', { query: 'subscription { __typename }' }],
      ['an empty query', { query: '' }],
      ['no query at all', { variables: {} }],
      ['a query that is not a string', { query: 5 }],
      ['variables that are not an object', { query: '{ __typename }', variables: [SECRET] }],
      ['variables as a JSON string', { query: '{ __typename }', variables: JSON.stringify({ a: SECRET }) }],
      ['extensions that are not an object', { query: '{ __typename }', extensions: SECRET }],
      ['an operationName that is not a string', { query: '{ __typename }', operationName: 5 }],
      ['a JSON body that is not an object', SECRET],
      ['a JSON null body', null],
    ];

    it.each(malformed)('%s', async (_, body) => {
      const answer = await send(platform.url, { headers: { ...admin, 'content-type': 'application/json' }, body: JSON.stringify(body) });
      expect(answer.status).toBe(400);
      expect(answer.body?.errors?.[0]?.message).toEqual(expect.any(String));
      expect(codeOf(answer)).not.toBe('INTERNAL');
      expect(JSON.stringify(answer.body)).not.toContain(SECRET);
    });

    it('names what is missing when a document holds several operations, over POST and GET', async () => {
      const query = 'query A { __typename } query B { __typename }';
      const post = await postJson(platform.url, { query }, admin);
      expect(codeOf(post)).toBe('OPERATION_RESOLUTION_FAILURE');
      expect(post.body?.errors?.[0]?.message).toMatch(/operationName/);
      const get = await send(`${platform.url}?${new URLSearchParams({ query })}`, { method: 'GET', headers: { ...admin, 'apollo-require-preflight': 'true' } });
      expect(get.status).toBe(400);
      const chosen = await postJson(platform.url, { query, operationName: 'B' }, admin);
      expect(chosen.status).toBe(200);
    });

    it('answers a truncated JSON body with 400', async () => {
      const answer = await send(platform.url, { headers: { ...admin, 'content-type': 'application/json' }, body: '{"query": "{ __typename }"' });
      expect(answer.status).toBe(400);
    });
  });
});
