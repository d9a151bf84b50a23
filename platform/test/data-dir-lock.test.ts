import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { hostname, tmpdir } from 'node:os';
import { basename, join, relative } from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { DataDirectoryInUse, lockDataDirectory, lockPathOf, type LockHolder } from '../src/db/data-dir-lock.ts';

/** A process that is alive while the test needs it. */
function sleeper(): ChildProcess {
  return spawn(process.execPath, ['-e', 'setInterval(() => {}, 1000)'], { stdio: 'ignore' });
}

/** The pid of a process that has ended. */
async function deadPid(): Promise<number> {
  const child = spawn(process.execPath, ['-e', ''], { stdio: 'ignore' });
  await new Promise((done) => child.once('exit', done));
  return child.pid!;
}

const startOf = (pid: number) => {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  return stat.slice(stat.lastIndexOf(')') + 2).split(' ')[19]!;
};

describe('the lock on an embedded database directory', () => {
  let root: string;
  let dir: string;
  let children: ChildProcess[] = [];
  let n = 0;
  beforeAll(() => {
    root = mkdtempSync(join(tmpdir(), 'caregraph-lock-'));
  });
  beforeEach(() => {
    dir = join(root, `pglite-${(n += 1)}`);
  });
  afterEach(() => {
    for (const child of children) child.kill('SIGKILL');
    children = [];
  });
  afterAll(() => rmSync(root, { recursive: true, force: true }));

  const holder = (overrides: Partial<LockHolder>): LockHolder => ({
    pid: 1,
    hostname: hostname(),
    command: 'pnpm start',
    startedAt: '2026-01-01T00:00:00.000Z',
    processStart: null,
    nonce: 'n0',
    ...overrides,
  });
  const leave = (lock: LockHolder) => writeFileSync(lockPathOf(dir), JSON.stringify(lock));
  const path = () => dir;

  it('is held by one opener at a time, and free again once released', () => {
    const lock = lockDataDirectory(path());
    expect(() => lockDataDirectory(path())).toThrow(DataDirectoryInUse);
    lock.release();
    lock.release(); // idempotent
    expect(existsSync(lockPathOf(path()))).toBe(false);
    lockDataDirectory(path()).release();
  });

  it('refuses while the holding process runs, naming it', () => {
    const child = sleeper();
    children.push(child);
    leave(holder({ pid: child.pid!, processStart: startOf(child.pid!) }));
    const error = (() => {
      try {
        lockDataDirectory(path());
        return null;
      } catch (thrown) {
        return thrown as DataDirectoryInUse;
      }
    })();
    expect(error).toBeInstanceOf(DataDirectoryInUse);
    expect(error!.message).toContain(`is in use by process ${child.pid} (pnpm start, since 2026-01-01T00:00:00.000Z)`);
    expect(error!.message).toContain('stop that process first');
  });

  it('takes over a lock whose process is gone (killed, crashed)', async () => {
    leave(holder({ pid: await deadPid() }));
    const lock = lockDataDirectory(path());
    expect((JSON.parse(readFileSync(lockPathOf(path()), 'utf8')) as LockHolder).pid).toBe(process.pid);
    lock.release();
  });

  it('takes over a lock whose pid now belongs to another process (reused pid)', () => {
    const child = sleeper();
    children.push(child);
    leave(holder({ pid: child.pid!, processStart: '1' }));
    lockDataDirectory(path()).release();
  });

  it('takes over a lock of its own pid that it does not hold (a restarted container’s pid 1)', () => {
    leave(holder({ pid: process.pid, nonce: 'an earlier life' }));
    lockDataDirectory(path()).release();
  });

  it('takes over a lock file that is not a lock (corrupted)', () => {
    writeFileSync(lockPathOf(path()), 'garbage');
    lockDataDirectory(path()).release();
  });

  it('refuses a lock held on another host (a shared volume), saying which file to remove if that host is done', () => {
    leave(holder({ hostname: 'other-host-7', pid: 12 }));
    expect(() => lockDataDirectory(path())).toThrow(/process 12 on other-host-7[\s\S]*remove .*\.lock/);
  });

  it('is the same lock whatever the spelling of the directory: through a symlink, relative, with ..', () => {
    mkdirSync(dir);
    const link = join(root, `link-${n}`);
    symlinkSync(dir, link);
    const lock = lockDataDirectory(link);
    try {
      expect(lockPathOf(link)).toBe(lockPathOf(dir));
      expect(() => lockDataDirectory(dir)).toThrow(DataDirectoryInUse);
      expect(() => lockDataDirectory(`${link}/`)).toThrow(DataDirectoryInUse);
      expect(() => lockDataDirectory(join(root, 'elsewhere', '..', basename(dir)))).toThrow(DataDirectoryInUse);
      expect(() => lockDataDirectory(relative(process.cwd(), dir))).toThrow(DataDirectoryInUse);
    } finally {
      lock.release();
    }
    expect(existsSync(lockPathOf(dir))).toBe(false);
  });

  it('is the same lock for a directory not yet created, through a symlinked parent', () => {
    const parent = join(root, `parent-${n}`);
    mkdirSync(parent);
    const linkedParent = join(root, `linked-parent-${n}`);
    symlinkSync(parent, linkedParent);
    const through = join(linkedParent, 'not-yet', 'pglite');
    expect(lockPathOf(through)).toBe(lockPathOf(join(parent, 'not-yet', 'pglite')));
    mkdirSync(join(parent, 'not-yet'));
    const lock = lockDataDirectory(through);
    try {
      expect(() => lockDataDirectory(join(parent, 'not-yet', 'pglite'))).toThrow(DataDirectoryInUse);
      // Once the directory exists, the lock is still found where it was taken.
      mkdirSync(join(parent, 'not-yet', 'pglite'));
      expect(() => lockDataDirectory(through)).toThrow(DataDirectoryInUse);
    } finally {
      lock.release();
    }
  });

  it('never removes a lock that is no longer its own', () => {
    const lock = lockDataDirectory(path());
    const other = holder({ pid: process.pid, nonce: 'someone else' });
    writeFileSync(lockPathOf(path()), JSON.stringify(other));
    lock.release();
    expect(JSON.parse(readFileSync(lockPathOf(path()), 'utf8'))).toEqual(other);
  });
});
