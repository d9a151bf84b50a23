import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LocalKeyFile } from '../src/crypto/local-key-file.ts';

const ROOT = resolve(import.meta.dirname, '../..');

/** Runs `pnpm seed` (its script) to its end; its exit code and what it printed. */
async function seed(args: string[], env: NodeJS.ProcessEnv): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const { stdout, stderr } = await promisify(execFile)(process.execPath, ['--import', 'tsx', resolve(ROOT, 'scripts/seed.ts'), ...args], { cwd: ROOT, env, timeout: 120_000 });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const failed = error as { code: number; stdout: string; stderr: string };
    return { code: failed.code, stdout: failed.stdout, stderr: failed.stderr };
  }
}

const SMALL = ['--organizations', '1', '--patients', '1', '--clinicians', '1', '--days', '1'];

/**
 * `NODE_ENV=production pnpm seed` wrote synthetic patients into the production database, creating
 * a key file of its own if none was there. It must refuse unless told `--allow-production`, and even
 * then use only a key file that was provisioned, before it opens or creates anything.
 */
describe('pnpm seed in production', () => {
  let dir: string;
  let bare: NodeJS.ProcessEnv;
  let n = 0;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'caregraph-seed-production-'));
    const { DATABASE_URL: _db, TEST_DATABASE_URL: _test, AUTH_JWKS_URL: _jwks, ...inherited } = process.env;
    bare = { ...inherited, NODE_ENV: 'production' };
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  /** Fresh paths, none of which exists yet. */
  const paths = () => {
    n += 1;
    return { KEYS_FILE: join(dir, `keys-${n}.json`), PGLITE_DATA_DIR: join(dir, `pglite-${n}`) };
  };

  it('refuses without --allow-production, naming the flag, and opens or creates nothing (embedded database)', async () => {
    const files = paths();
    const { code, stdout, stderr } = await seed(SMALL, { ...bare, ...files });
    expect(code).toBe(1);
    expect(stderr).toMatch(/^pnpm seed refuses NODE_ENV=production: it would write synthetic demo patients.*embedded database/);
    expect(stderr).toContain('--allow-production');
    expect(stdout).not.toContain('Seeding');
    expect(existsSync(files.KEYS_FILE)).toBe(false);
    expect(existsSync(files.PGLITE_DATA_DIR)).toBe(false);
  }, 120_000);

  it('refuses without --allow-production on a PostgreSQL server, before connecting to it', async () => {
    const files = paths();
    // Nothing listens there: a refusal that connected first would fail differently.
    const { code, stderr } = await seed(SMALL, { ...bare, ...files, DATABASE_URL: 'postgres://caregraph:secret@127.0.0.1:1/production' });
    expect(code).toBe(1);
    expect(stderr).toMatch(/^pnpm seed refuses NODE_ENV=production: .*the database DATABASE_URL names/);
    expect(stderr).not.toContain('secret'); // the URL's password is not printed
    expect(existsSync(files.KEYS_FILE)).toBe(false);
  }, 120_000);

  it('with --allow-production, still never creates KEYS_FILE: it must exist', async () => {
    const files = paths();
    const { code, stderr } = await seed([...SMALL, '--allow-production'], { ...bare, ...files });
    expect(code).toBe(1);
    expect(stderr).toMatch(new RegExp(`^KEYS_FILE \\(${files.KEYS_FILE.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\\) does not exist: in production pnpm seed does not create`));
    expect(existsSync(files.KEYS_FILE)).toBe(false);
    expect(existsSync(files.PGLITE_DATA_DIR)).toBe(false);
  }, 120_000);

  it('with --allow-production and a provisioned KEYS_FILE, seeds', async () => {
    const files = paths();
    new LocalKeyFile(files.KEYS_FILE);
    const { code, stdout, stderr } = await seed([...SMALL, '--allow-production'], { ...bare, ...files });
    expect(stderr).not.toMatch(/refuses|does not exist/);
    expect(code).toBe(0);
    expect(stdout).toContain('Done.');
  }, 120_000);

  it('says --allow-production in its help', async () => {
    const { code, stdout } = await seed(['--help'], bare);
    expect(code).toBe(0);
    expect(stdout).toMatch(/--allow-production +seed even with NODE_ENV=production/);
  }, 120_000);
});
