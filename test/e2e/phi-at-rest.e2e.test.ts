import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestPlatform, type TestPlatform } from '../support/platform.ts';

/** Every row of every table the platform wrote, as text. */
async function dumpAllTables(platform: TestPlatform): Promise<string> {
  const db = platform.database!.db;
  const rowsOf = (result: unknown) => (Array.isArray(result) ? result : (result as { rows: unknown[] }).rows) as Record<string, string>[];
  const tables = rowsOf(
    await db.execute(
      sql`select table_schema, table_name from information_schema.tables
          where table_schema in ('patients', 'devices', 'observations', 'drizzle') and table_type = 'BASE TABLE'`,
    ),
  );
  expect(tables.length).toBeGreaterThanOrEqual(6);
  const dumps = await Promise.all(
    tables.map(async (t) => JSON.stringify(rowsOf(await db.execute(sql.raw(`select * from "${t.table_schema}"."${t.table_name}"`))))),
  );
  return dumps.join('\n');
}

describe('no plain-text PHI at rest (seeded platform, after API writes)', () => {
  let platform: TestPlatform;
  beforeAll(async () => {
    platform = await startTestPlatform('in-process');
  });
  afterAll(async () => {
    await platform?.stop();
  });

  it('holds no name, MRN, birth date, e-mail or phone of any patient in any table', async () => {
    const created = await platform.admin(`mutation ($input: CreatePatientInput!) { createPatient(input: $input) { id mrn } }`, {
      input: { mrn: 'AT-REST-4711', name: { family: 'Wolkenstein', given: ['Berenike'] }, birthDate: '1961-07-23', sex: 'FEMALE', contact: { email: 'berenike.w@example.test', phone: '+1-555-0199' } },
    });
    expect(created.data?.createPatient.mrn).toBe('AT-REST-4711');
    const updated = await platform.admin(`mutation ($id: ID!) { updatePatient(id: $id, input: { name: { family: "Wolkenstein-Ahrens", given: ["Berenike"] } }) { name { text } } }`, {
      id: created.data!.createPatient.id,
    });
    expect(updated.errors).toBeUndefined();
    expect(updated.data?.updatePatient.name.text).toBe('Berenike Wolkenstein-Ahrens');

    const dump = await dumpAllTables(platform);
    const identifiers = [
      'AT-REST-4711', 'Wolkenstein', 'Berenike', '1961-07-23', 'berenike.w@example.test', '+1-555-0199',
      ...platform.plan.patients.flatMap((p) => [p.mrn, `"${p.family}"`, p.email, p.phone, p.birthDate]),
    ];
    for (const value of identifiers) expect(dump, value).not.toContain(value);
  });

  it('finds a patient by MRN for callers who may see PHI, and refuses the filter to others', async () => {
    const patient = platform.plan.patients[2]!;
    const FIND = `query ($mrn: String!) { patients(filter: { mrn: $mrn }) { edges { node { id } } } }`;
    const found = await platform.admin(FIND, { mrn: patient.mrn });
    expect(found.data?.patients.edges).toEqual([{ node: { id: patient.id } }]);
    const analyst = await platform.as({ role: 'analyst', sub: 'analyst-1' });
    const refused = await analyst(FIND, { mrn: patient.mrn });
    expect(refused.data?.patients ?? null).toBeNull();
    expect(refused.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
  });
});
