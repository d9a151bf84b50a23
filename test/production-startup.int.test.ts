import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PROCESS_TEST_TIMEOUT_MS, startPlatformProcess, type PlatformProcess } from './support/platform-process.ts';
import { productionEnv, type ProductionEnv } from './support/production-env.ts';
import { bearer, tokenFor } from './support/tokens.ts';

const ROOT = resolve(import.meta.dirname, '..');

/** Runs an entry point to its end; its exit code and what it printed. */
async function run(entry: string, env: NodeJS.ProcessEnv): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const { stdout, stderr } = await promisify(execFile)(process.execPath, ['--import', 'tsx', resolve(ROOT, entry)], { cwd: ROOT, env, timeout: 120_000 });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const failed = error as { code: number; stdout: string; stderr: string };
    return { code: failed.code, stdout: failed.stdout, stderr: failed.stderr };
  }
}

/** The listed reasons of a configuration refusal, as runMain prints them. */
const reasonsOf = (stderr: string) => {
  expect(stderr).toMatch(/^Invalid configuration:\n/);
  return stderr.split('\n').filter((line) => line.startsWith('  - ')).map((line) => line.slice(4).split(':')[0]);
};

/**
 * `NODE_ENV=production` with nothing else set used to start the platform on the embedded database,
 * seed demo data and accept development tokens. Every entry point must now refuse, listing why,
 * before it opens, generates or listens on anything.
 */
describe('production start-up refuses development conveniences', () => {
  let dir: string;
  let bare: NodeJS.ProcessEnv;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'caregraph-refusal-'));
    const { DATABASE_URL: _db, TEST_DATABASE_URL: _test, ...inherited } = process.env;
    bare = {
      ...inherited,
      NODE_ENV: 'production',
      PORT: '0',
      // Where the platform would otherwise create them: they must not appear.
      ROUTER_SECRET_FILE: join(dir, 'router-secret'),
      KEYS_FILE: join(dir, 'keys.json'),
      AUTH_DEV_KEY_FILE: join(dir, 'dev-issuer.json'),
      PGLITE_DATA_DIR: join(dir, 'pglite'),
    };
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('pnpm start: the development issuer, demo data, introspection, the embedded database and PHI keys, all at once', async () => {
    const { code, stdout, stderr } = await run('router/src/main.ts', { ...bare, DEMO_DATA: 'true', GRAPHQL_INTROSPECTION: 'true' });
    expect(code).toBe(1);
    expect(reasonsOf(stderr)).toEqual(['AUTH_JWKS_URL is not set', 'DEMO_DATA is true', 'GRAPHQL_INTROSPECTION is true', 'DATABASE_URL is not set', `KEYS_FILE (${bare.KEYS_FILE}) does not exist`]);
    expect(stdout).not.toContain('caregraph is running');
    for (const file of ['ROUTER_SECRET_FILE', 'KEYS_FILE', 'AUTH_DEV_KEY_FILE', 'PGLITE_DATA_DIR']) expect(existsSync(bare[file]!), file).toBe(false);
  }, 120_000);

  it('pnpm start:distributed refuses before starting a subgraph process, and asks for the shared router secret', async () => {
    const { code, stderr } = await run('scripts/start-distributed.ts', bare);
    expect(code).toBe(1);
    expect(reasonsOf(stderr)).toEqual([
      'AUTH_JWKS_URL is not set',
      'DATABASE_URL is not set',
      `neither ROUTER_CREDENTIAL and PEER_CREDENTIAL nor ROUTER_SECRET is set, and ROUTER_SECRET_FILE (${bare.ROUTER_SECRET_FILE}) does not exist`,
      `KEYS_FILE (${bare.KEYS_FILE}) does not exist`,
    ]);
    expect(existsSync(bare.ROUTER_SECRET_FILE!)).toBe(false);
  }, 120_000);

  it('each subgraph process refuses on its own (it may be deployed without the launcher)', async () => {
    const answers = await Promise.all(['patients', 'devices', 'observations', 'audit'].map((name) => run(`subgraphs/${name}/src/main.ts`, { ...bare, DEMO_DATA: 'true' })));
    for (const [i, name] of ['patients', 'devices', 'observations', 'audit'].entries()) {
      expect(answers[i]!.code, name).toBe(1);
      const reasons = reasonsOf(answers[i]!.stderr);
      expect(reasons.slice(0, 4), name).toEqual([
        'AUTH_JWKS_URL is not set',
        'DEMO_DATA is true',
        'DATABASE_URL is not set',
        `neither ROUTER_CREDENTIAL and PEER_CREDENTIAL nor ROUTER_SECRET is set, and ROUTER_SECRET_FILE (${bare.ROUTER_SECRET_FILE}) does not exist`,
      ]);
      // Every process writes audit events, sealed with the audit chain key from KEYS_FILE.
      expect(reasons[4], name).toBe(`KEYS_FILE (${bare.KEYS_FILE}) does not exist`);
      expect(reasons.length, name).toBe(5);
    }
    expect(existsSync(bare.ROUTER_SECRET_FILE!)).toBe(false);
  }, 120_000);

  it('refuses a NODE_ENV it does not know instead of starting in development', async () => {
    const { code, stderr } = await run('router/src/main.ts', { ...bare, NODE_ENV: 'prod' });
    expect(code).toBe(1);
    expect(reasonsOf(stderr)).toEqual(['NODE_ENV must be one of development, test, production (unset']);
  }, 120_000);
});

describe('a production configuration that is safe starts', () => {
  let production: ProductionEnv;
  let platform: PlatformProcess;
  beforeAll(async () => {
    production = await productionEnv();
    platform = await startPlatformProcess('in-process', production.env);
  }, PROCESS_TEST_TIMEOUT_MS);
  afterAll(async () => {
    await platform?.stop();
    await production?.close();
  });

  it('trusts the identity provider only, prints where it listens (every interface by default) and seeds nothing', async () => {
    const port = new URL(platform.url).port;
    expect(platform.output()).toContain(`GraphQL:  http://localhost:${port}/graphql`);
    expect(platform.output()).toContain('Tokens:   from caregraph-dev (AUTH_JWKS_URL)');
    expect(platform.output()).not.toContain('Demo data');
    const answer = await fetch(platform.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...bearer(await tokenFor({ role: 'analyst', sub: 'analyst-1' })) },
      body: JSON.stringify({ query: '{ patients(first: 1) { edges { node { id } } } }' }),
    });
    expect(answer.status).toBe(200);
    expect(((await answer.json()) as { data: { patients: { edges: unknown[] } } }).data.patients.edges).toEqual([]);
  });

  it('keeps an idle connection open past Node’s default 5 s, so a load balancer reusing it meets no reset', async () => {
    const { port } = new URL(platform.url);
    const socket = connect(Number(port), '127.0.0.1');
    const answers: string[] = [];
    socket.on('data', (chunk: Buffer) => answers.push(chunk.toString('utf8')));
    let closedAt: number | null = null;
    socket.on('close', () => (closedAt = Date.now()));
    await new Promise<void>((done) => socket.once('connect', () => done()));
    const probe = 'GET /healthz HTTP/1.1\r\nHost: caregraph\r\nConnection: keep-alive\r\n\r\n';
    socket.write(probe);
    await new Promise((done) => setTimeout(done, 6_000));
    expect(closedAt, 'the server closed the idle connection').toBeNull();
    socket.write(probe);
    await new Promise((done) => setTimeout(done, 500));
    socket.destroy();
    const responses = answers.join('').match(/HTTP\/1\.1 200/g) ?? [];
    expect(responses).toHaveLength(2);
    expect(answers.join('')).toMatch(/keep-alive: timeout=65/i);
  }, 20_000);
});
