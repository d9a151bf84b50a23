import { randomBytes } from 'node:crypto';
import { closeSync, existsSync, openSync, readFileSync, renameSync, statSync, unlinkSync, writeFileSync } from 'node:fs';
import { writeSecretFileOnce } from '../identity/dev-issuer.ts';
import { decryptField, encryptField } from './field-cipher.ts';
import type { KeyProvider, WrappedKey } from './key-provider.ts';

interface KeyFileContent {
  kekId: string;
  current: number;
  /** KEK versions, base64; old ones stay so that keys wrapped before a rotation still unwrap. */
  versions: Record<string, string>;
  /** A separate key for blind indexes (HMAC), never used to encrypt. */
  blindIndexKey: string;
  /**
   * The key of the audit trail's MACs and checkpoints (HMAC), never stored in the database. Key
   * files written before it existed gain one the first time they are opened.
   */
  auditChainKey?: string;
}

function newKeyFile(): KeyFileContent {
  return {
    kekId: `local-${randomBytes(4).toString('hex')}`,
    current: 1,
    versions: { '1': randomBytes(32).toString('base64') },
    blindIndexKey: randomBytes(32).toString('base64'),
    auditChainKey: randomBytes(32).toString('base64'),
  };
}

/**
 * The default KeyProvider: key-encryption keys in a local file (mode 0600, outside git), created
 * on first start. Suitable for development and single-host installs; production plugs in a KMS.
 */
export class LocalKeyFile implements KeyProvider {
  private content: KeyFileContent;

  constructor(private readonly path: string) {
    if (!existsSync(path)) writeSecretFileOnce(path, JSON.stringify(newKeyFile()));
    this.content = this.read();
    if (!this.content.auditChainKey) this.content = this.update((content) => (content.auditChainKey ??= randomBytes(32).toString('base64')));
  }

  get blindIndexKey(): Buffer {
    return Buffer.from(this.content.blindIndexKey, 'base64');
  }

  get auditChainKey(): Buffer {
    return Buffer.from(this.content.auditChainKey!, 'base64');
  }

  async currentVersion(): Promise<number> {
    return this.content.current;
  }

  async wrap(dataKey: Buffer, context: string): Promise<WrappedKey> {
    const version = this.content.current;
    return { kekId: this.content.kekId, kekVersion: version, ciphertext: encryptField(this.kek(version), dataKey.toString('base64'), context) };
  }

  async unwrap(wrapped: WrappedKey, context: string): Promise<Buffer> {
    // Another process may have rotated since this one read the file.
    if (!this.content.versions[String(wrapped.kekVersion)]) this.content = this.read();
    return Buffer.from(decryptField(this.kek(wrapped.kekVersion), wrapped.ciphertext, context), 'base64');
  }

  /** Adds a new KEK version and makes it current (old versions are kept). Returns the new version. */
  rotate(): number {
    let next = 0;
    this.content = this.update((content) => {
      next = Math.max(...Object.keys(content.versions).map(Number)) + 1;
      content.versions[String(next)] = randomBytes(32).toString('base64');
      content.current = next;
    });
    return next;
  }

  private kek(version: number): Buffer {
    const key = this.content.versions[String(version)];
    if (!key) throw new Error(`KEK version ${version} is not in the key file`);
    return Buffer.from(key, 'base64');
  }

  private read(): KeyFileContent {
    return JSON.parse(readFileSync(this.path, 'utf8')) as KeyFileContent;
  }

  /**
   * Read, change and replace the file under an exclusive lock, so that two processes upgrading or
   * rotating at once neither lose the other's change nor end up with two different new keys.
   */
  private update(change: (content: KeyFileContent) => void): KeyFileContent {
    return withFileLock(`${this.path}.lock`, () => {
      const content = this.read();
      change(content);
      const scratch = `${this.path}.${process.pid}.tmp`;
      writeFileSync(scratch, JSON.stringify(content), { mode: 0o600 });
      renameSync(scratch, this.path);
      return content;
    });
  }
}

/** A lock older than this was left by a process that died holding it (holding takes milliseconds). */
const STALE_LOCK_MS = 10_000;

function withFileLock<T>(lockPath: string, work: () => T): T {
  const deadline = Date.now() + 2 * STALE_LOCK_MS;
  for (;;) {
    try {
      closeSync(openSync(lockPath, 'wx', 0o600));
      break;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      const age = lockAge(lockPath);
      if (age !== null && age > STALE_LOCK_MS) {
        rmQuietly(lockPath);
        continue;
      }
      if (Date.now() > deadline) throw new Error(`key file is locked (${lockPath}); remove the lock if no caregraph process is running`);
      Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 20);
    }
  }
  try {
    return work();
  } finally {
    rmQuietly(lockPath);
  }
}

function lockAge(path: string): number | null {
  try {
    return Date.now() - statSync(path).mtimeMs;
  } catch {
    return null;
  }
}

function rmQuietly(path: string): void {
  try {
    unlinkSync(path);
  } catch {
    // already gone
  }
}
