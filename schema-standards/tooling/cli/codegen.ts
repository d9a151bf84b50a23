// `pnpm codegen [--check]`: writes each subgraph's resolver types (src/generated/) and the
// clients' API types (clients/api-types) from the SDL; --check fails when a committed file is stale.
import { modeFromArgs, printResult } from '../check.ts';
import { codegenCheck } from '../codegen/codegen-check.ts';

process.exit(printResult(await codegenCheck(modeFromArgs())));
