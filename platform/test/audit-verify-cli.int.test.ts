import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../src/db/database.ts';

const ROOT = resolve(import.meta.dirname, '../..');
const run = promisify(execFile);

/**
 * The real `pnpm audit:verify` against an embedded database a separate writer process filled (its
 * checkpoint is the one it publishes as it exits), before and after a DBA removes the tail and
 * rewinds the head. Embedded on purpose, whatever TEST_DATABASE_URL says: the CLI opens the directory.
 */
describe('pnpm audit:verify against a truncated tail with the head rewound', () => {
  let dir: string;
  let env: NodeJS.ProcessEnv;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'caregraph-audit-cli-'));
    env = { ...process.env, DATABASE_URL: '', PGLITE_DATA_DIR: join(dir, 'db'), KEYS_FILE: join(dir, 'keys.json'), LOG_LEVEL: 'warn' };
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  const verify = () =>
    run('pnpm', ['--silent', 'audit:verify'], { cwd: ROOT, env }).then(
      ({ stdout, stderr }) => ({ code: 0, stdout, stderr }),
      (error: { code: number; stdout: string; stderr: string }) => error,
    );

  it('reports the chain intact, then broken at the first removed event', async () => {
    await run(process.execPath, ['--import', 'tsx', resolve(import.meta.dirname, 'fixtures/append-audit-events.ts'), 'devices', '5'], { cwd: ROOT, env });
    const checkpoints = join(dir, 'audit-checkpoints.jsonl');
    expect(existsSync(checkpoints)).toBe(true);
    expect(readFileSync(checkpoints, 'utf8')).toContain('"chain":"devices","seq":5');

    const intact = await verify();
    expect(intact.code, intact.stderr).toBe(0);
    expect(intact.stdout).toMatch(/✓ chain devices: 5 events, intact; holds the checkpoint of .+ \(event 5\)/);
    // A database begun with the keyed chain holds no unkeyed events: the operator's attestation has nothing to do.
    const attest = await run('pnpm', ['--silent', 'audit:verify', '--attest-legacy'], { cwd: ROOT, env });
    expect(attest.stdout).toContain('No unkeyed events to attest');
    expect(attest.stdout).toMatch(/✓ chain devices: 5 events, intact/);

    const tampered = await openDatabase({ dataDir: join(dir, 'db') });
    await tampered.db.transaction(async (tx) => {
      await tx.execute(sql`set local session_replication_role = replica`);
      await tx.execute(sql`delete from audit.events where chain = 'devices' and seq > 3`);
      await tx.execute(sql`update audit.chains set last_seq = 3, last_hash = (select hash from audit.events where chain = 'devices' and seq = 3) where chain = 'devices'`);
    });
    await tampered.close();

    const broken = await verify();
    expect(broken.code).toBe(1);
    expect(broken.stderr).toMatch(/✗ chain devices: broken at event 4: events removed: a checkpoint published at .+ shows the chain reached event 5, it now ends at event 3/);
  }, 180_000); // three processes, each starting an embedded database
});
