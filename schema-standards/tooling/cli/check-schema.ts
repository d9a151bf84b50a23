// `pnpm check:schema`: every schema-standards check in one process (what `pnpm test` runs):
// the SDL lint, the breaking-change check, and the staleness of every generated file.
import { breakingCheck } from '../breaking/breaking-check.ts';
import { printResult, type CheckResult } from '../check.ts';
import { codegenCheck } from '../codegen/codegen-check.ts';
import { docsCheck } from '../docs/docs-check.ts';
import { errorTableCheck } from '../errors-table.ts';
import { lintCheck } from '../lint/lint-check.ts';

const started = performance.now();
const results: CheckResult[] = [
  lintCheck({ fix: false }),
  await breakingCheck({ accept: false }),
  await codegenCheck('check'),
  docsCheck('check'),
  errorTableCheck('check'),
];
const failed = results.map(printResult).some((code) => code !== 0);
console.log(`${failed ? '✗' : '✓'} check:schema: ${results.length} checks in ${Math.round(performance.now() - started)} ms`);
process.exit(failed ? 1 : 0);
