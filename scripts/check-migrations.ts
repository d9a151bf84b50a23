// `pnpm db:check`: fails when a domain's drizzle schema has changes that no committed migration
// holds (someone edited src/db/schema.ts and forgot `pnpm db:generate`). Writes nothing to git.
import { execFileSync } from 'node:child_process';
import { cpSync, existsSync, readdirSync, rmSync } from 'node:fs';
import { join, resolve } from 'node:path';

const root = resolve(import.meta.dirname, '..');
let stale = false;
const packages = [
  { domain: 'audit', dir: join(root, 'platform'), schema: './src/audit/schema.ts' },
  // Subgraphs that own tables have a drizzle config; the audit subgraph reads the platform's audit schema.
  ...readdirSync(join(root, 'subgraphs'))
    .filter((name) => existsSync(join(root, 'subgraphs', name, 'drizzle.config.ts')))
    .map((name) => ({ domain: name, dir: join(root, 'subgraphs', name), schema: './src/db/schema.ts' })),
];
for (const { domain, dir, schema } of packages) {
  const scratch = '.migrations-check';
  rmSync(join(dir, scratch), { recursive: true, force: true });
  cpSync(join(dir, 'drizzle'), join(dir, scratch), { recursive: true });
  try {
    const output = execFileSync(
      'pnpm',
      ['exec', 'drizzle-kit', 'generate', '--dialect', 'postgresql', '--schema', schema, '--out', scratch],
      { cwd: dir, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] },
    );
    if (output.includes('No schema changes')) {
      console.log(`✓ ${domain}: migrations match ${schema}`);
    } else {
      stale = true;
      console.error(`✗ ${domain}: src/db/schema.ts has changes without a migration: run \`pnpm db:generate\` and commit`);
    }
  } finally {
    rmSync(join(dir, scratch), { recursive: true, force: true });
  }
}
process.exit(stale ? 1 : 0);
