import { randomBytes } from 'node:crypto';
import { linkSync, readFileSync, realpathSync, renameSync, unlinkSync, writeFileSync } from 'node:fs';
import { hostname } from 'node:os';
import { basename, dirname, isAbsolute, join, relative, resolve } from 'node:path';

/**
 * An embedded database (PGlite) belongs to one process: PGlite runs PostgreSQL inside that process
 * with no server in between, so a second process opening the same directory (a `pnpm audit:verify`
 * or `pnpm seed` beside the running platform, or a second `pnpm start`) writes the same files
 * without any coordination and can corrupt them. Whoever opens a data directory first holds its
 * lock file (`<dir>.lock`, beside the directory so PGlite's own files stay as PGlite made them);
 * everyone else is refused with who holds it, until it is released.
 *
 * A lock left behind by a process that is gone (killed, crashed) is taken over: the holder's pid
 * no longer runs, or runs a different process than the one that wrote the lock (a reused pid,
 * told apart by the process's start time where Linux's /proc says it).
 */
export interface LockHolder {
  pid: number;
  hostname: string;
  /** The command line that holds it, to tell the user what to stop. */
  command: string;
  startedAt: string;
  /** The holder's start time in clock ticks since boot (/proc/<pid>/stat), where known. */
  processStart: string | null;
  /** Tells this lock from any other the same pid may have written. */
  nonce: string;
}

export class DataDirectoryInUse extends Error {
  constructor(
    readonly dataDir: string,
    readonly holder: LockHolder,
  ) {
    const where = holder.hostname === hostname() ? `process ${holder.pid}` : `process ${holder.pid} on ${holder.hostname}`;
    super(
      `The embedded database in ${dataDir} is in use by ${where} (${holder.command}, since ${holder.startedAt}).\n` +
        `Only one process may open it at a time: stop that process first, or run this against a PostgreSQL server (DATABASE_URL).` +
        (holder.hostname === hostname() ? '' : `\nIf ${holder.hostname} no longer runs it, remove ${lockPathOf(dataDir)}.`),
    );
  }
}

export interface DataDirectoryLock {
  /** Gives the directory up (idempotent); also done when the process exits normally. */
  release(): void;
}

/** The nonces of the locks this process holds: its own pid in a lock is alive only for these. */
const heldHere = new Set<string>();

/**
 * The lock file of a data directory, beside its real path: every spelling of one directory
 * (relative, through a symlink, with `..`) must meet the same lock, else two processes open one
 * database each holding a lock of its own. The directory's real path when it exists; when it does
 * not yet, the real path of its nearest existing ancestor with the rest of the path appended.
 */
export function lockPathOf(dataDir: string): string {
  return `${realPathOf(resolve(dataDir))}.lock`;
}

function realPathOf(path: string): string {
  try {
    return realpathSync(path);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const parent = dirname(path);
    if ((code !== 'ENOENT' && code !== 'ENOTDIR') || parent === path) throw error;
    return join(realPathOf(parent), basename(path));
  }
}

/** Takes the data directory's lock, or throws {@link DataDirectoryInUse} naming whoever holds it. */
export function lockDataDirectory(dataDir: string): DataDirectoryLock {
  const path = lockPathOf(dataDir);
  const mine: LockHolder = {
    pid: process.pid,
    hostname: hostname(),
    command: commandLine(),
    startedAt: new Date().toISOString(),
    processStart: processStartOf(process.pid),
    nonce: randomBytes(12).toString('hex'),
  };
  // A few rounds: each lost race (another process took over a stale lock first) is looked at again.
  for (let round = 0; round < 5; round += 1) {
    if (createExclusively(path, JSON.stringify(mine))) {
      heldHere.add(mine.nonce);
      return holding(path, mine);
    }
    const holder = readHolder(path);
    if (holder === 'absent') continue;
    if (holder !== 'unreadable' && isAlive(holder)) throw new DataDirectoryInUse(dataDir, holder);
    takeOver(path, holder);
  }
  throw new Error(`Could not take the lock ${path}: other processes keep changing it.`);
}

function holding(path: string, mine: LockHolder): DataDirectoryLock {
  let released = false;
  const release = () => {
    if (released) return;
    released = true;
    heldHere.delete(mine.nonce);
    process.off('exit', release);
    // Only our own lock: never one another process took over after ours was (wrongly) thought stale.
    const holder = readHolder(path);
    if (typeof holder === 'object' && holder.nonce === mine.nonce) unlinkQuietly(path);
  };
  process.on('exit', release);
  return { release };
}

/**
 * Creates the lock file with its whole content, or reports that it exists: written aside and
 * hard-linked into place, so nobody ever reads a half-written lock.
 */
function createExclusively(path: string, content: string): boolean {
  const scratch = `${path}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`;
  writeFileSync(scratch, content, { mode: 0o644 });
  try {
    linkSync(scratch, path);
    return true;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') return false;
    throw error;
  } finally {
    unlinkQuietly(scratch);
  }
}

function readHolder(path: string): LockHolder | 'absent' | 'unreadable' {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return 'absent';
    throw error;
  }
  try {
    const holder = JSON.parse(text) as LockHolder;
    return Number.isInteger(holder.pid) && typeof holder.nonce === 'string' ? holder : 'unreadable';
  } catch {
    return 'unreadable'; // not written by this code (the link makes our writes whole)
  }
}

/**
 * Removes a stale lock, unless another process replaced it since it was read: the lock is first
 * moved aside (only one process can move a given file), then checked to be the stale one.
 */
function takeOver(path: string, stale: LockHolder | 'unreadable'): void {
  const aside = `${path}.${process.pid}.stale`;
  try {
    renameSync(path, aside);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return; // someone else moved it: look again
    throw error;
  }
  const moved = readHolder(aside);
  const same = stale === 'unreadable' ? moved === 'unreadable' : typeof moved === 'object' && moved.nonce === stale.nonce;
  if (!same) {
    // A live process's fresh lock: put it back (unless yet another one is in place by now).
    try {
      linkSync(aside, path);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    }
  }
  unlinkQuietly(aside);
}

/** Whether the process that wrote the lock still runs. */
function isAlive(holder: LockHolder): boolean {
  // Another machine's process cannot be checked from here (a shared volume): assume it runs.
  if (holder.hostname !== hostname()) return true;
  // Our own pid: held here, or left by an earlier life of this pid (a restarted container's pid 1).
  if (holder.pid === process.pid) return heldHere.has(holder.nonce);
  try {
    process.kill(holder.pid, 0);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ESRCH') return false;
    // EPERM: it runs, as another user.
  }
  const start = processStartOf(holder.pid);
  return holder.processStart === null || start === null || start === holder.processStart;
}

/** The process's start time (field 22 of /proc/<pid>/stat), or null where there is no /proc. */
function processStartOf(pid: number): string | null {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // The command name (field 2) is in parentheses and may hold spaces: count from after it.
    return stat.slice(stat.lastIndexOf(')') + 2).split(' ')[19] ?? null;
  } catch {
    return null;
  }
}

/** What runs, as the user would recognise it: the script (relative to the working directory) and its arguments. */
function commandLine(): string {
  const [script, ...args] = process.argv.slice(1);
  const shown = script ? [isAbsolute(script) ? relative(process.cwd(), script) : script, ...args].join(' ') : 'node';
  return shown.slice(0, 200);
}

function unlinkQuietly(path: string): void {
  try {
    unlinkSync(path);
  } catch {
    // already gone
  }
}
