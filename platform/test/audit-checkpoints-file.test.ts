import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { auditIntegrityFrom } from '../src/audit/integrity.ts';
import { readServiceConfig } from '../src/config.ts';

/** Where signed checkpoints go: beside the key file, or where AUDIT_CHECKPOINTS_FILE says (a read-only key mount). */
describe('the audit checkpoint file', () => {
  const dir = mkdtempSync(join(tmpdir(), 'caregraph-checkpoints-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  const config = (env: NodeJS.ProcessEnv) => readServiceConfig({ KEYS_FILE: join(dir, 'keys', 'keys.json'), ...env }, { port: 0 });

  it('is audit-checkpoints.jsonl beside the key file by default', () => {
    expect(auditIntegrityFrom(config({})).checkpoints?.path).toBe(join(dir, 'keys', 'audit-checkpoints.jsonl'));
  });

  it('is AUDIT_CHECKPOINTS_FILE when set', () => {
    const file = join(dir, 'state', 'checkpoints.jsonl');
    expect(auditIntegrityFrom(config({ AUDIT_CHECKPOINTS_FILE: file })).checkpoints?.path).toBe(file);
  });
});
