import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { lockPathOf } from '@caregraph/platform';
import { postGraphQL } from '../support/graphql-client.ts';
import { PROCESS_TEST_TIMEOUT_MS, startPlatformProcess, type PlatformProcess } from '../support/platform-process.ts';
import { bearer, tokenFor } from '../support/tokens.ts';

const ROOT = resolve(import.meta.dirname, '../..');
/** Embedded, whatever server the suite runs on: the lock is about PGlite's data directory. */
const EMBEDDED = { url: undefined, drop: async () => {} };

/**
 * PGlite runs PostgreSQL inside the process that opened it: a second process on the same data
 * directory (`pnpm audit:verify` beside the running platform, a second `pnpm start`) wrote the
 * same files with no coordination. The running platform holds the directory's lock; every
 * command refuses, saying who holds it, until the platform stops (or is gone).
 */
describe('one process per embedded database directory', () => {
  let dir: string;
  let env: NodeJS.ProcessEnv;
  let platform: PlatformProcess;
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'caregraph-locked-'));
    const { DATABASE_URL: _db, ...inherited } = process.env;
    env = { ...inherited, PGLITE_DATA_DIR: join(dir, 'pglite'), KEYS_FILE: join(dir, 'keys.json'), PORT: '0' };
    platform = await startPlatformProcess('in-process', { KEYS_FILE: env.KEYS_FILE! }, { database: EMBEDDED, pgliteDir: env.PGLITE_DATA_DIR! });
  }, PROCESS_TEST_TIMEOUT_MS);
  afterAll(async () => {
    await platform?.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  const run = async (entry: string, args: string[] = []) => {
    try {
      const { stdout, stderr } = await promisify(execFile)(process.execPath, ['--import', 'tsx', resolve(ROOT, entry), ...args], { cwd: ROOT, env, timeout: 200_000 });
      return { code: 0, stdout, stderr };
    } catch (error) {
      const failed = error as { code: number; stdout: string; stderr: string };
      return { code: failed.code, stdout: failed.stdout, stderr: failed.stderr };
    }
  };
  const inUse = () => new RegExp(`^The embedded database in ${dir}/pglite is in use by process \\d+ \\(router/src/main\\.ts, since `);

  it('refuses pnpm audit:verify, seed, db:migrate and keys:rotate while the platform runs, and rotates no key', async () => {
    const keysBefore = readFileSync(env.KEYS_FILE!, 'utf8');
    const commands = ['scripts/audit-verify.ts', 'scripts/seed.ts', 'scripts/migrate.ts', 'scripts/keys-rotate.ts'];
    for (const command of commands) {
      const { code, stderr } = await run(command);
      expect(code, command).toBe(1);
      expect(stderr, command).toMatch(inUse());
      expect(stderr, command).not.toMatch(/\n\s+at /); // a message, not a stack trace
    }
    expect(readFileSync(env.KEYS_FILE!, 'utf8')).toBe(keysBefore);
  }, 200_000);

  it('refuses a second pnpm start on the same directory; the first keeps serving', async () => {
    const { code, stderr } = await run('router/src/main.ts');
    expect(code).toBe(1);
    expect(stderr).toMatch(inUse());
    const { status, data } = await postGraphQL(platform.url, '{ patients(first: 1) { edges { node { id } } } }', undefined, bearer(await tokenFor({ role: 'analyst', sub: 'a-1' })));
    expect(status).toBe(200);
    expect(data!.patients.edges).toHaveLength(1);
  }, 120_000);

  it('lets commands in once the platform has stopped, or is gone without releasing the lock', async () => {
    await platform.stop();
    expect(existsSync(lockPathOf(env.PGLITE_DATA_DIR!))).toBe(false);
    const verified = await run('scripts/audit-verify.ts');
    expect(verified.code, verified.stderr).toBe(0);

    platform = await startPlatformProcess('in-process', { KEYS_FILE: env.KEYS_FILE! }, { database: EMBEDDED, pgliteDir: env.PGLITE_DATA_DIR! });
    await platform.crash(); // SIGKILL: the lock file stays, its process does not
    expect(existsSync(lockPathOf(env.PGLITE_DATA_DIR!))).toBe(true);
    const migrated = await run('scripts/migrate.ts');
    expect(migrated.code, migrated.stderr).toBe(0);
    expect(migrated.stdout).toContain('audit: migrations applied');
  }, PROCESS_TEST_TIMEOUT_MS);
});
