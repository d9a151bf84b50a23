import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { LocalKeyFile } from '../src/crypto/local-key-file.ts';

/** A key file as written before the audit chain key existed. */
function oldKeyFile() {
  return { kekId: 'local-0badc0de', current: 2, versions: { '1': randomBytes(32).toString('base64'), '2': randomBytes(32).toString('base64') }, blindIndexKey: randomBytes(32).toString('base64') };
}

describe('the audit chain key in the local key file', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'caregraph-keys-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('is created with a new key file', () => {
    const path = join(dir, 'keys.json');
    const file = new LocalKeyFile(path);
    expect(file.auditChainKey).toHaveLength(32);
    expect(new LocalKeyFile(path).auditChainKey.equals(file.auditChainKey)).toBe(true);
  });

  it('is added to an older key file, which keeps every key it had, and survives a rotation', () => {
    const path = join(dir, 'keys.json');
    const before = oldKeyFile();
    writeFileSync(path, JSON.stringify(before), { mode: 0o600 });
    const key = new LocalKeyFile(path).auditChainKey;
    const after = JSON.parse(readFileSync(path, 'utf8'));
    expect(after).toEqual({ ...before, auditChainKey: key.toString('base64') });
    new LocalKeyFile(path).rotate();
    expect(new LocalKeyFile(path).auditChainKey.equals(key)).toBe(true);
    expect(JSON.parse(readFileSync(path, 'utf8')).versions['2']).toBe(before.versions['2']);
  });

  it('is the same for processes that upgrade the same file at once', async () => {
    const path = join(dir, 'keys.json');
    writeFileSync(path, JSON.stringify(oldKeyFile()), { mode: 0o600 });
    const module = resolve(import.meta.dirname, '../src/crypto/local-key-file.ts');
    const script = `const { LocalKeyFile } = await import(${JSON.stringify(module)}); console.log(new LocalKeyFile(${JSON.stringify(path)}).auditChainKey.toString('base64'));`;
    const keys = await Promise.all(
      Array.from({ length: 4 }, () => promisify(execFile)(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script]).then(({ stdout }) => stdout.trim())),
    );
    expect(new Set(keys).size).toBe(1);
    expect(JSON.parse(readFileSync(path, 'utf8')).auditChainKey).toBe(keys[0]);
  }, 60_000);
});
