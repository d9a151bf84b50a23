import { execFile, execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LocalKeyFile, untilChildReady } from '@caregraph/platform';
import { stopProcess } from '@caregraph/router/subgraph-process';
import { createTestDatabase, type TestDatabase } from '../support/database.ts';
import { postGraphQL } from '../support/graphql-client.ts';
import { readImageRecipe } from '../support/image-recipe.ts';
import { freePort } from '../support/platform.ts';
import { PROCESS_START_ALLOWANCE_MS } from '../support/platform-process.ts';
import { productionEnv, type ProductionEnv } from '../support/production-env.ts';
import { bearer, TEST_DEV_KEY_FILE, tokenFor } from '../support/tokens.ts';

const ROOT = resolve(import.meta.dirname, '../..');
const recipe = readImageRecipe();
/** The README's demo organization: its ids are the same on every fresh start. */
const DEMO_ORG = 'e6d7796f-5b7f-4311-9c2a-7b418759a6d8';
const DASHBOARD = '{ patients(first: 3) { edges { node { name { text } devices { kind } latestVitals { code unit } } } } }';

/**
 * The image, as far as it can be made without a container engine: deploy/Dockerfile's build-stage
 * commands, exactly as written, in a copy of the work tree (what the build context holds); then
 * the runtime stage's entry point (`node dist/scripts/caregraph.js <service>`, with the stage's
 * environment) in the tree `pnpm deploy` wrote: compiled code and production dependencies only, no
 * sources, no tsx, no NODE_OPTIONS. The same Node as the test runner, so CI's Node 22 pass runs it
 * on the image's Node.
 */
describe('the production build (deploy/Dockerfile)', () => {
  let dir: string;
  let app: string;
  let buildSeconds: number;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'caregraph-image-'));
    const context = join(dir, 'src');
    app = join(dir, 'app');
    // The build context: the work tree as git sees it (committed or not, ignored files left out).
    const files = execFileSync('git', ['ls-files', '--cached', '--others', '--exclude-standard', '-z'], { cwd: ROOT, encoding: 'utf8' }).split('\0');
    for (const file of files.filter((f) => f && existsSync(join(ROOT, f)))) {
      mkdirSync(dirname(join(context, file)), { recursive: true });
      cpSync(join(ROOT, file), join(context, file));
    }
    const started = performance.now();
    for (const command of recipe.buildCommands) {
      // Installing pnpm itself (npm install --global) is the image's business; this machine has pnpm.
      if (!command.startsWith('pnpm ')) continue;
      await promisify(execFile)('sh', ['-c', command.replaceAll(recipe.deployDir, app)], {
        cwd: context,
        env: { ...process.env, NODE_OPTIONS: '' },
        timeout: 300_000,
        maxBuffer: 16 * 1024 * 1024,
      });
    }
    buildSeconds = (performance.now() - started) / 1000;
    console.log(`[deploy] the Dockerfile's build commands took ${buildSeconds.toFixed(1)} s; the services run on Node ${process.version}`);
  }, 600_000);

  afterAll(() => {
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  /** The runtime stage's environment, this test's settings, and nothing of the development tree. */
  const runtimeEnv = (extra: Record<string, string>): NodeJS.ProcessEnv => ({
    PATH: process.env.PATH,
    HOME: process.env.HOME,
    ...recipe.runtime.env,
    LOG_LEVEL: 'warn',
    ...extra,
  });
  /** The entry point as the image runs it (its `node` is this process's Node). */
  const command = (args: string[]) => {
    const [node, ...rest] = recipe.runtime.entrypoint;
    expect(node).toBe('node');
    return { file: process.execPath, args: [...rest, ...args] };
  };

  async function startService(args: string[], env: NodeJS.ProcessEnv): Promise<ChildProcess> {
    const { file, args: argv } = command(args);
    const child = spawn(file, argv, { cwd: app, env, stdio: ['ignore', 'ignore', 'inherit', 'ipc'] });
    try {
      await untilChildReady(child, `caregraph ${args.join(' ')} (built)`, PROCESS_START_ALLOWANCE_MS);
    } catch (error) {
      await stopProcess(child);
      throw error;
    }
    return child;
  }

  async function runService(args: string[], env: NodeJS.ProcessEnv): Promise<{ code: number; stdout: string; stderr: string }> {
    const { file, args: argv } = command(args);
    try {
      const { stdout, stderr } = await promisify(execFile)(file, argv, { cwd: app, env, timeout: 120_000 });
      return { code: 0, stdout, stderr };
    } catch (error) {
      const failed = error as { code: number; stdout: string; stderr: string };
      return { code: failed.code, stdout: failed.stdout, stderr: failed.stderr };
    }
  }

  /** The image's HEALTHCHECK command, as written. */
  async function healthcheck(env: NodeJS.ProcessEnv): Promise<{ code: number; stderr: string }> {
    const [node, ...args] = recipe.runtime.healthcheck!.command;
    expect(node).toBe('node');
    try {
      await promisify(execFile)(process.execPath, args, { cwd: app, env, timeout: 10_000 });
      return { code: 0, stderr: '' };
    } catch (error) {
      const failed = error as { code: number; stderr: string };
      return { code: failed.code, stderr: failed.stderr };
    }
  }

  it('holds compiled JavaScript and production dependencies only', () => {
    const packages = join(app, 'node_modules/.pnpm');
    const installed = readdirSync(packages);
    for (const dev of ['tsx@', 'typescript@', 'vitest@', 'drizzle-kit@', 'esbuild@']) expect(installed.filter((name) => name.startsWith(dev)), dev).toEqual([]);
    const ours = readdirSync(join(app, 'node_modules/@caregraph'));
    expect(ours).toEqual(expect.arrayContaining(['router', 'patients', 'devices', 'observations', 'audit', 'platform']));
    for (const name of ours) {
      const pkg = join(app, 'node_modules/@caregraph', name);
      expect(existsSync(join(pkg, 'src')), `@caregraph/${name} ships no sources`).toBe(false);
      expect(readdirSync(join(pkg, 'dist')).filter((file) => file.endsWith('.js')).length, `@caregraph/${name} is built`).toBeGreaterThan(0);
    }
    const typescript = (readdirSync(join(app, 'dist'), { recursive: true, encoding: 'utf8' }) as string[]).filter((file) => file.endsWith('.ts'));
    expect(typescript).toEqual([]);
    expect(existsSync(join(app, 'node_modules/@caregraph/patients/dist/schema.graphql'))).toBe(true);
  });

  it('names its services when given none, and refuses an unknown one', async () => {
    const none = await runService([], runtimeEnv({}));
    expect(none.code).toBe(2);
    for (const service of ['router', 'patients', 'devices', 'observations', 'audit', 'migrate', 'audit-verify']) expect(none.stderr).toContain(`  ${service} `);
    expect((await runService(['gateway'], runtimeEnv({}))).stderr).toContain('Unknown service: gateway');
  });

  it(`runs the image's default command (${recipe.runtime.cmd.join(' ')}) on plain node and answers a query across the domains`, async () => {
    const dataDir = mkdtempSync(join(dir, 'dev-'));
    const port = await freePort();
    // Development settings (the demo data set, the development issuer) so there is something to read.
    const env = runtimeEnv({
      NODE_ENV: 'development',
      HOST: '127.0.0.1',
      PORT: String(port),
      PGLITE_DATA_DIR: 'memory',
      AUTH_DEV_KEY_FILE: TEST_DEV_KEY_FILE,
      KEYS_FILE: join(dataDir, 'keys.json'),
      ROUTER_SECRET_FILE: join(dataDir, 'router-secret'),
    });
    const router = await startService(recipe.runtime.cmd, env);
    try {
      const token = await tokenFor({ role: 'org_admin', org: DEMO_ORG, sub: 'admin-1', mfa: true });
      const answer = await postGraphQL<{ patients: { edges: { node: { name: { text: string }; devices: unknown[]; latestVitals: unknown[] } }[] } }>(
        `http://127.0.0.1:${port}/graphql`,
        DASHBOARD,
        undefined,
        bearer(token),
      );
      expect(answer.errors).toBeUndefined();
      expect(answer.data!.patients.edges).toHaveLength(3);
      for (const { node } of answer.data!.patients.edges) {
        expect(node.name.text).toMatch(/\w+ \w+/); // decrypted PHI
        expect(node.devices.length + node.latestVitals.length).toBeGreaterThan(0);
      }
      const health = await healthcheck(env);
      expect(health.code, health.stderr).toBe(0);
      // The care dashboard, from the build the image ships (it never builds at run time).
      const page = await fetch(`http://127.0.0.1:${port}/patients`);
      expect(page.status).toBe(200);
      const html = await page.text();
      expect(html).toContain('caregraph · care dashboard');
      const script = /<script type="module" crossorigin src="([^"]+)"/.exec(html)![1]!;
      expect((await fetch(`http://127.0.0.1:${port}${script}`)).status).toBe(200);
    } finally {
      await stopProcess(router);
    }
  });

  describe('in production (NODE_ENV=production, as the image sets it)', () => {
    let production: ProductionEnv;
    let database: TestDatabase;
    let env: NodeJS.ProcessEnv;
    beforeAll(async () => {
      production = await productionEnv();
      database = await createTestDatabase();
      env = runtimeEnv({ ...production.env, HOST: '127.0.0.1', ...(database.url ? { DATABASE_URL: database.url } : {}) });
    });
    afterAll(async () => {
      await database?.drop();
      await production?.close();
    });

    it('migrate, the router, then audit-verify: each by name, in order, on one database', async () => {
      const migrated = await runService(['migrate'], env);
      expect(migrated.code, migrated.stderr).toBe(0);
      for (const domain of ['audit', 'patients', 'devices', 'observations']) expect(migrated.stdout).toContain(`✓ ${domain}: migrations applied`);

      const port = await freePort();
      const router = await startService(['router'], { ...env, PORT: String(port) });
      try {
        const token = await tokenFor({ role: 'org_admin', org: DEMO_ORG, sub: 'admin-1', mfa: true });
        const answer = await postGraphQL(`http://127.0.0.1:${port}/graphql`, DASHBOARD, undefined, bearer(token));
        expect(answer.errors).toBeUndefined();
        expect(answer.data).toEqual({ patients: { edges: [] } }); // production seeds nothing
        // Production serves no introspection.
        const introspection = await postGraphQL(`http://127.0.0.1:${port}/graphql`, '{ __schema { queryType { name } } }', undefined, bearer(token));
        expect(introspection.errors?.[0]?.extensions?.code).toBe('GRAPHQL_VALIDATION_FAILED');
      } finally {
        await stopProcess(router);
      }

      const verified = await runService(['audit-verify'], env);
      expect(verified.code, `${verified.stdout}\n${verified.stderr}`).toBe(0);
      expect(verified.stdout).toMatch(/^Audit ledger [0-9a-f-]{36}$/m);
      expect(verified.stdout).not.toContain('✗');
    });
  });

  it('migrate applies each domain to its own database (<NAME>_DATABASE_URL), with its audit trail', async () => {
    const domains = ['patients', 'devices', 'observations', 'audit'];
    const databases = await Promise.all(domains.map(() => createTestDatabase()));
    try {
      const dataDir = mkdtempSync(join(dir, 'migrate-'));
      const urls = Object.fromEntries(databases.flatMap((db, i) => (db.url ? [[`${domains[i]!.toUpperCase()}_DATABASE_URL`, db.url]] : [])));
      const migrated = await runService(['migrate'], runtimeEnv({ NODE_ENV: 'development', PGLITE_DATA_DIR: join(dataDir, 'pglite'), KEYS_FILE: join(dataDir, 'keys.json'), ...urls }));
      expect(migrated.code, migrated.stderr).toBe(0);
      if (Object.keys(urls).length === 0) {
        // Embedded: one database holds every domain.
        for (const schema of ['audit', ...domains.slice(0, 3)]) expect(migrated.stdout).toContain(`✓ ${schema}: migrations applied\n`);
      } else {
        for (const domain of domains.slice(0, 3)) {
          expect(migrated.stdout).toContain(`✓ audit: migrations applied (the database of ${domain})`);
          expect(migrated.stdout).toContain(`✓ ${domain}: migrations applied (the database of ${domain})`);
        }
        expect(migrated.stdout).toContain('✓ audit: migrations applied (the database of audit)');
        expect(migrated.stdout.match(/migrations applied/g)).toHaveLength(7);
      }
    } finally {
      await Promise.all(databases.map((db) => db.drop()));
    }
  });

  it('runs one subgraph by name, which answers its probes and passes the image health check', async () => {
    const dataDir = mkdtempSync(join(dir, 'subgraph-'));
    new LocalKeyFile(join(dataDir, 'keys.json'));
    const port = await freePort();
    const env = runtimeEnv({
      NODE_ENV: 'development',
      HOST: '127.0.0.1',
      PORT: String(port),
      SUPERGRAPH_CONFIG: 'supergraph.distributed.yaml',
      PGLITE_DATA_DIR: 'memory',
      DEMO_DATA: 'false',
      AUTH_DEV_KEY_FILE: TEST_DEV_KEY_FILE,
      KEYS_FILE: join(dataDir, 'keys.json'),
      ROUTER_SECRET_FILE: join(dataDir, 'router-secret'),
    });
    const subgraph = await startService(['devices'], env);
    try {
      expect((await fetch(`http://127.0.0.1:${port}/healthz`)).status).toBe(200);
      const ready = await fetch(`http://127.0.0.1:${port}/readyz`);
      expect(ready.status).toBe(200);
      expect(await ready.json()).toMatchObject({ status: 'ready', checks: { database: 'reachable' } });
      const health = await healthcheck(env);
      expect(health.code, health.stderr).toBe(0);
    } finally {
      await stopProcess(subgraph);
    }
    // Nothing answers any more: the same health check fails.
    expect((await healthcheck(env)).code).toBe(1);
  });
});
