import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { apiSchemaOf, printApiSchema } from '../breaking/api-schema.ts';
import { generatedHeader, writeGenerated, type CheckResult, type Mode } from '../check.ts';
import { hasDirective, outputFields } from '../lint/sdl-walk.ts';
import { loadSubgraphSources, REPOSITORY_ROOT } from '../subgraph-sources.ts';
import { apiReference } from './api-markdown.ts';

const COMMAND = 'pnpm docs:api';
export const DOCS_DIRECTORY = 'docs/api';

/** `Type.field` of every `@phi` field: the API schema drops subgraph directives, the docs keep the mark. */
function phiFields(): Set<string> {
  const fields = new Set<string>();
  for (const { document } of loadSubgraphSources()) {
    for (const { type, field } of outputFields(document)) if (hasDirective(field, 'phi')) fields.add(`${type.name.value}.${field.name.value}`);
  }
  return fields;
}

/** `pnpm docs:api [--check]`: the browsable API reference under docs/api, from supergraph.graphql. */
export function docsCheck(mode: Mode): CheckResult {
  const supergraph = readFileSync(resolve(REPOSITORY_ROOT, 'supergraph.graphql'), 'utf8');
  const pages = apiReference(apiSchemaOf(supergraph, { sorted: false }), { header: generatedHeader(COMMAND, 'html'), phiFields: phiFields() });
  pages.set('schema.graphql', `${generatedHeader(COMMAND, '#')}\n${printApiSchema(apiSchemaOf(supergraph))}`);
  const results = [...pages].map(([file, content]) => writeGenerated(`${DOCS_DIRECTORY}/${file}`, content.endsWith('\n') ? content : `${content}\n`, mode, COMMAND));
  return { name: 'the API reference in docs/api matches the schema', ok: results.every((r) => r.ok), lines: results.map((r) => r.line) };
}
