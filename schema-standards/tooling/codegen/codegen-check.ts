import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { apiSchemaOf } from '../breaking/api-schema.ts';
import { writeGenerated, type CheckResult, type Mode } from '../check.ts';
import { loadSubgraphSources, REPOSITORY_ROOT } from '../subgraph-sources.ts';
import { clientTypes, CODEGEN_COMMAND, resolverTypes } from './generate.ts';
import { CLIENT_SCALARS, CLIENT_TYPES_OUTPUT, RESOLVER_SCALARS, RESOLVER_TYPES_TARGETS } from './targets.ts';

/** `pnpm codegen [--check]`: every subgraph's resolver types and the clients' API types. */
export async function codegenCheck(mode: Mode): Promise<CheckResult> {
  const subgraphs = new Map(loadSubgraphSources().map((subgraph) => [subgraph.name, subgraph]));
  const outputs: [string, string][] = [];
  for (const target of RESOLVER_TYPES_TARGETS) {
    const subgraph = subgraphs.get(target.subgraph);
    if (!subgraph) throw new Error(`codegen target ${target.subgraph} is not a subgraph of supergraph.yaml`);
    outputs.push([target.output, await resolverTypes(subgraph.document, { ...target, scalars: RESOLVER_SCALARS })]);
  }
  const supergraph = readFileSync(resolve(REPOSITORY_ROOT, 'supergraph.graphql'), 'utf8');
  outputs.push([CLIENT_TYPES_OUTPUT, await clientTypes(apiSchemaOf(supergraph), CLIENT_SCALARS)]);
  const results = outputs.map(([path, content]) => writeGenerated(path, content, mode, CODEGEN_COMMAND));
  return { name: 'generated TypeScript types match the SDL', ok: results.every((r) => r.ok), lines: results.map((r) => r.line) };
}
