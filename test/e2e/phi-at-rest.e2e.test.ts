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
          where table_schema in ('patients', 'devices', 'observations', 'audit', 'drizzle') and table_type = 'BASE TABLE'`,
    ),
  );
  expect(tables.map((t) => t.table_schema)).toContain('audit');
  expect(tables.length).toBeGreaterThanOrEqual(8);
  const dumps = await Promise.all(
    tables.map(async (t) => JSON.stringify(rowsOf(await db.execute(sql.raw(`select * from "${t.table_schema}"."${t.table_name}"`))))),
  );
  return dumps.join('\n');
}

const CONSOLE_METHODS = ['log', 'info', 'warn', 'error', 'debug'] as const;

/** Everything the platform logs from now on, in-process: to stdout and stderr, directly or through the console. */
function captureLogs(): { text(): string; stop(): void } {
  const lines: string[] = [];
  const consoles = CONSOLE_METHODS.map((method) => [method, console[method]] as const);
  for (const [method, original] of consoles) {
    console[method] = (...args: unknown[]) => {
      lines.push(args.map((arg) => (arg instanceof Error ? `${arg.stack} ${JSON.stringify(arg)}` : typeof arg === 'string' ? arg : JSON.stringify(arg))).join(' '));
      original.apply(console, args);
    };
  }
  const streams = [process.stdout, process.stderr].map((stream) => [stream, stream.write] as const);
  for (const [stream, original] of streams) {
    stream.write = ((chunk: string | Uint8Array, ...rest: unknown[]) => {
      lines.push(typeof chunk === 'string' ? chunk : Buffer.from(chunk).toString('utf8'));
      return (original as (...args: unknown[]) => boolean).call(stream, chunk, ...rest);
    }) as typeof stream.write;
  }
  return {
    text: () => lines.join('\n'),
    stop() {
      for (const [method, original] of consoles) console[method] = original;
      for (const [stream, original] of streams) stream.write = original;
    },
  };
}

describe('no plain-text PHI at rest (seeded platform, after API writes)', () => {
  let platform: TestPlatform;
  let output: ReturnType<typeof captureLogs>;
  beforeAll(async () => {
    output = captureLogs();
    platform = await startTestPlatform('in-process');
  });
  afterAll(async () => {
    await platform?.stop();
    output?.stop();
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

    // Bad input carrying PHI, and a write the database refuses (a taken MRN): both are logged or
    // answered, and neither may carry the values.
    const rejected = await platform.admin(`mutation ($input: CreatePatientInput!) { createPatient(input: $input) { id } }`, {
      input: { mrn: 'AT-REST-4711', name: { family: 'Wolkenstein', given: ['Berenike'] }, birthDate: '1961-07-23', sex: 'FEMALE' },
    });
    expect(rejected.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.mrn' });
    const invalid = await platform.admin(`mutation ($input: CreatePatientInput!) { createPatient(input: $input) { id } }`, {
      input: { mrn: 'AT-REST-4712', name: { family: 'Wolkenstein', given: ['Berenike'] }, birthDate: '1961-23-07', sex: 'FEMALE', contact: { email: 'berenike.w@example.test' } },
    });
    expect(invalid.errors?.length).toBeGreaterThan(0);
    expect(JSON.stringify(invalid)).not.toContain('Wolkenstein');
    expect(JSON.stringify(invalid)).not.toContain('1961-23-07');
    // A write that fails inside the platform (the audit trail refuses it) is logged as an internal error.
    await platform.database!.db.execute(sql`alter table audit.events add constraint audit_down check (false) not valid`);
    try {
      const failed = await platform.admin(`mutation ($input: CreatePatientInput!) { createPatient(input: $input) { id } }`, {
        input: { mrn: 'AT-REST-4713', name: { family: 'Wolkenstein', given: ['Berenike'] }, birthDate: '1961-07-23', sex: 'FEMALE', contact: { phone: '+1-555-0199' } },
      });
      expect(failed.errors?.[0]?.extensions?.code).toBe('INTERNAL');
    } finally {
      await platform.database!.db.execute(sql`alter table audit.events drop constraint audit_down`);
    }

    const dump = await dumpAllTables(platform);
    const identifiers = [
      'AT-REST-4711', 'Wolkenstein', 'Berenike', '1961-07-23', 'berenike.w@example.test', '+1-555-0199',
      'AT-REST-4713', ...platform.plan.patients.flatMap((p) => [p.mrn, `"${p.family}"`, p.email, p.phone, p.birthDate]),
    ];
    for (const value of identifiers) expect(dump, value).not.toContain(value);
    const logs = output.text();
    expect(logs).toMatch(/"msg":"internal error"/);
    expect(logs).toContain('"path":"createPatient"');
    for (const value of [...identifiers, '1961-23-07']) expect(logs, value).not.toContain(value);
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
