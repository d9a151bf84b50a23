// `pnpm --filter @caregraph/dashboard codegen [--check]`: the dashboard's typed documents
// (src/gql/, GraphQL Code Generator's client preset, from the API schema) and its entry in the
// repository's trusted-documents.json (the router runs only those operations for the dashboard's
// client id). --check writes nothing and fails when a committed file is stale (`pnpm test` runs it).
import { generate } from '@graphql-codegen/cli';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, relative, resolve } from 'node:path';
import { parse, type OperationDefinitionNode } from 'graphql';
import config from '../codegen.ts';

const DASHBOARD = resolve(import.meta.dirname, '..');
const TRUSTED_DOCUMENTS = resolve(DASHBOARD, '../trusted-documents.json');
const CLIENT_ID = 'caregraph-dashboard';
const check = process.argv.includes('--check');

const outputs = await generate({ ...config, cwd: DASHBOARD, silent: true }, false);
const files = new Map<string, string>(outputs.map((output: { filename: string; content: string }) => [resolve(DASHBOARD, output.filename), output.content]));

const persisted = [...files].find(([file]) => file.endsWith('persisted-documents.json'));
if (!persisted) throw new Error('codegen wrote no persisted-documents.json');
const bodies = JSON.parse(persisted[1]) as Record<string, string>;
const trusted = JSON.parse(readFileSync(TRUSTED_DOCUMENTS, 'utf8')) as { clients: Record<string, unknown> };
trusted.clients[CLIENT_ID] = {
  description: 'The care dashboard (dashboard/): its generated documents, written by its codegen. A token issued to this client id runs only these.',
  operations: Object.entries(bodies)
    .map(([hash, body]) => {
      const operation = parse(body).definitions.find((d): d is OperationDefinitionNode => d.kind === 'OperationDefinition');
      return { id: hash.replace(/^sha256:/, ''), name: operation?.name?.value, type: operation?.operation, body };
    })
    .sort((a, b) => (a.name ?? '').localeCompare(b.name ?? '')),
};
files.set(TRUSTED_DOCUMENTS, `${JSON.stringify(trusted, null, 2)}\n`);

const stale = [...files].filter(([file, content]) => !existsSync(file) || readFileSync(file, 'utf8') !== content);
if (check) {
  if (stale.length > 0) {
    console.error(`✗ dashboard codegen: stale ${stale.map(([file]) => relative(process.cwd(), file)).join(', ')}; run pnpm codegen:dashboard`);
    process.exit(1);
  }
  console.log(`✓ dashboard codegen: ${files.size} files current`);
} else {
  for (const [file, content] of stale) {
    mkdirSync(dirname(file), { recursive: true });
    writeFileSync(file, content);
  }
  console.log(`dashboard codegen: ${stale.length} of ${files.size} files written${stale.length ? ` (${stale.map(([f]) => relative(process.cwd(), f)).join(', ')})` : ''}`);
}

