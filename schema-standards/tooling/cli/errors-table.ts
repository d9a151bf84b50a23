// `pnpm errors:table [--check]`: writes the README's error-code table from the catalogue
// (schema-standards/src/errors.ts); --check fails when the committed table is stale.
import { printResult, modeFromArgs } from '../check.ts';
import { errorTableCheck } from '../errors-table.ts';

process.exit(printResult(errorTableCheck(modeFromArgs())));
