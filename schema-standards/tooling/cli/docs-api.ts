// `pnpm docs:api [--check]`: writes the API reference (docs/api/*.md and schema.graphql) from the
// composed supergraph's descriptions; --check fails when a committed page is stale.
import { modeFromArgs, printResult } from '../check.ts';
import { docsCheck } from '../docs/docs-check.ts';

process.exit(printResult(docsCheck(modeFromArgs())));
