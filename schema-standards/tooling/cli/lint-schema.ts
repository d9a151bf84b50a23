// `pnpm lint:schema [--fix]`: checks every subgraph SDL against the schema standard
// (schema-standards/CONVENTIONS.md). --fix first rewrites stale copies of the standard's definitions.
import { printResult } from '../check.ts';
import { lintCheck } from '../lint/lint-check.ts';

process.exit(printResult(lintCheck({ fix: process.argv.includes('--fix') })));
