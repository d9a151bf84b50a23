// `pnpm errors:table [--check]`: writes the error-code table of docs/using-the-api.md from the
// catalogue (schema-standards/src/errors.ts); --check fails when the committed table is stale.
import { printResult, modeFromArgs } from '../check.ts';
import { errorTableCheck } from '../errors-table.ts';

process.exit(printResult(errorTableCheck(modeFromArgs())));
