import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LocalKeyFile, phiKeysFrom, type Reach } from '@caregraph/platform';
import { migratedDatabase } from '../../../test/support/domain-database.ts';
import { PatientVault } from '../src/crypto/patient-vault.ts';
import { rewrapDataKeys } from '../src/crypto/rotate-data-keys.ts';
import { PatientRepository, type NewPatient } from '../src/db/patient-repository.ts';
import { patientsMigrations } from '../src/index.ts';

const ORG = '3b1f6a2e-6c1d-4a53-9f4e-0b9a8c7d6e5f';
const ALL: Reach = { kind: 'all' };

function person(n: number): NewPatient {
  return {
    organizationId: ORG,
    sex: 'FEMALE',
    mrn: `ENC-MRN-${1000 + n}`,
    familyName: `Quillfeather${n}`,
    givenNames: [`Ottilie${n}`, 'Marguerite'],
    birthDate: `19${50 + (n % 40)}-04-1${n % 10}`,
    email: `ottilie${n}.quill@example.test`,
    phone: `+1-555-77${String(n).padStart(2, '0')}`,
  };
}

async function rawRows(database: Awaited<ReturnType<typeof migratedDatabase>>, table: string): Promise<string> {
  const result = (await database.db.execute(sql.raw(`select * from patients.${table}`))) as unknown;
  return JSON.stringify(Array.isArray(result) ? result : (result as { rows: unknown[] }).rows);
}

describe('PHI encryption at rest (real database)', () => {
  let database: Awaited<ReturnType<typeof migratedDatabase>>;
  let dir: string;
  let keysFile: string;
  const repository = () => {
    const phiKeys = phiKeysFrom({ keysFile });
    return new PatientRepository(database.db, ALL, new PatientVault(phiKeys.keys, phiKeys.blindIndex));
  };

  beforeAll(async () => {
    database = await migratedDatabase(patientsMigrations);
    dir = mkdtempSync(join(tmpdir(), 'caregraph-keys-'));
    keysFile = join(dir, 'keys.json');
  });
  afterAll(async () => {
    await database?.dispose();
    rmSync(dir, { recursive: true, force: true });
  });

  it('stores no identifier in plain text, and reads every one back', async () => {
    const written = await Promise.all([1, 2, 3].map((n) => repository().insert(person(n))));
    for (const table of ['patients', 'patient_keys']) {
      const raw = await rawRows(database, table);
      for (const n of [1, 2, 3]) {
        const p = person(n);
        for (const value of [p.mrn, p.familyName, p.givenNames[0]!, p.birthDate, p.email!, p.phone!]) expect(raw).not.toContain(value);
      }
    }
    const read = await repository().findByIds(written.map((p) => p.id));
    expect(read.map(({ mrn, familyName, givenNames, birthDate, email, phone }) => ({ mrn, familyName, givenNames, birthDate, email, phone }))).toEqual(
      expect.arrayContaining([1, 2, 3].map((n) => { const { organizationId: _o, sex: _s, ...ids } = person(n); return ids; })),
    );
  });

  it('finds a patient by MRN or e-mail through the blind index', async () => {
    const [byMrn] = await repository().list(10, null, { mrn: 'enc-mrn-1002' });
    expect(byMrn?.familyName).toBe('Quillfeather2');
    const [byEmail] = await repository().list(10, null, { email: 'OTTILIE3.quill@example.test' });
    expect(byEmail?.familyName).toBe('Quillfeather3');
    expect(await repository().list(10, null, { mrn: 'ENC-MRN-9999' })).toEqual([]);
  });

  it('binds a ciphertext to its row: moved to another patient it does not decrypt', async () => {
    const [a, b] = await repository().list(2, null);
    await database.db.execute(
      sql`update patients.patients set mrn_enc = (select mrn_enc from patients.patients where id = ${a!.id}) where id = ${b!.id}`,
    );
    await expect(repository().findByIds([b!.id])).rejects.toThrow();
    expect((await repository().findByIds([a!.id]))[0]?.mrn).toBe(a!.mrn);
    await database.db.execute(sql`delete from patients.patients where id = ${b!.id}`);
  });

  it('rotates the key-encryption key online: reads keep working, data keys are re-wrapped, fields untouched', async () => {
    await Promise.all([4, 5, 6, 7, 8].map((n) => repository().insert(person(n))));
    const ids = (await repository().list(100, null, { email: 'ottilie4.quill@example.test' })).map((p) => p.id);
    const before = await rawRows(database, 'patients');
    const version = new LocalKeyFile(keysFile).rotate();
    const phiKeys = phiKeysFrom({ keysFile });
    let reading = true;
    const reads: Promise<unknown>[] = [];
    const reader = (async () => {
      while (reading) {
        reads.push(repository().findByIds(ids));
        await new Promise((r) => setTimeout(r, 1));
      }
    })();
    const rewrapped = await rewrapDataKeys(database.db, phiKeys.keys, new PatientVault(phiKeys.keys, phiKeys.blindIndex), { batchSize: 2 });
    reading = false;
    await reader;
    const results = (await Promise.all(reads)) as { email: string }[][];
    expect(results.length).toBeGreaterThan(0);
    for (const result of results) expect(result[0]?.email).toBe('ottilie4.quill@example.test');
    expect(rewrapped).toBe(7); // 3 + 5 written, 1 deleted above
    const versions = (await rawRows(database, 'patient_keys')).match(/"kek_version":\d+/g)!;
    expect(new Set(versions)).toEqual(new Set([`"kek_version":${version}`]));
    expect(await rawRows(database, 'patients')).toBe(before);
  });
});
