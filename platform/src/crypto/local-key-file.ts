import { randomBytes } from 'node:crypto';
import { existsSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
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
}

function newKeyFile(): KeyFileContent {
  return {
    kekId: `local-${randomBytes(4).toString('hex')}`,
    current: 1,
    versions: { '1': randomBytes(32).toString('base64') },
    blindIndexKey: randomBytes(32).toString('base64'),
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
  }

  get blindIndexKey(): Buffer {
    return Buffer.from(this.content.blindIndexKey, 'base64');
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
    const content = this.read();
    const next = Math.max(...Object.keys(content.versions).map(Number)) + 1;
    content.versions[String(next)] = randomBytes(32).toString('base64');
    content.current = next;
    const scratch = `${this.path}.${process.pid}.tmp`;
    writeFileSync(scratch, JSON.stringify(content), { mode: 0o600 });
    renameSync(scratch, this.path);
    this.content = content;
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
}
