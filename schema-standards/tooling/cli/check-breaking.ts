// `pnpm check:breaking [--accept]`: fails when the API schema (from the committed supergraph) has a
// breaking change against schema-standards/api-baseline.graphql that docs/schema-changelog.md does
// not record. --accept makes the current API the baseline (refused while a change is unrecorded).
import { breakingCheck } from '../breaking/breaking-check.ts';
import { printResult } from '../check.ts';

process.exit(printResult(await breakingCheck({ accept: process.argv.includes('--accept') })));
