// `pnpm compose [--check]`: composes every supergraph*.yaml at the repository root into the
// committed supergraph SDL beside it. With --check, writes nothing and fails if a committed file is
// stale, or if composition reports errors or hints the standards forbid.
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { relative, resolve } from 'node:path';
import { readSupergraphConfig } from '@caregraph/platform';
import { composeSupergraph } from './compose.ts';

const root = resolve(import.meta.dirname, '../../..');
const check = process.argv.includes('--check');
const configs = readdirSync(root).filter((name) => /^supergraph(\.[\w-]+)?\.ya?ml$/.test(name));
let failed = false;

for (const name of configs) {
  const config = readSupergraphConfig(resolve(root, name));
  const outcome = composeSupergraph(config);
  const target = relative(root, config.supergraphSdlPath);
  for (const hint of outcome.hints) console.log(`  hint (${name}): ${hint}`);
  if (outcome.errors.length > 0 || outcome.forbiddenHints.length > 0) {
    failed = true;
    console.error(`✗ ${name}: composition failed`);
    for (const message of [...outcome.errors, ...outcome.forbiddenHints]) console.error(`  - ${message}`);
    continue;
  }
  const current = existsSync(config.supergraphSdlPath) ? readFileSync(config.supergraphSdlPath, 'utf8') : null;
  if (current === outcome.supergraphSdl) {
    console.log(`✓ ${target} is up to date`);
  } else if (check) {
    failed = true;
    console.error(`✗ ${target} is stale: run \`pnpm compose\` and commit the result`);
  } else {
    writeFileSync(config.supergraphSdlPath, outcome.supergraphSdl!);
    console.log(`✓ wrote ${target}`);
  }
}
process.exit(failed ? 1 : 0);
