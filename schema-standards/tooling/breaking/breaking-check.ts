import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { generatedHeader, writeGenerated, type CheckResult } from '../check.ts';
import { REPOSITORY_ROOT } from '../subgraph-sources.ts';
import { apiSchemaOf, printApiSchema } from './api-schema.ts';
import { compareWithBaseline, describeChange } from './breaking-changes.ts';

export const BASELINE_FILE = 'schema-standards/api-baseline.graphql';
export const CHANGELOG_FILE = 'docs/schema-changelog.md';
const ACCEPT = 'pnpm check:breaking --accept';

const read = (path: string) => readFileSync(resolve(REPOSITORY_ROOT, path), 'utf8');

/**
 * `pnpm check:breaking`: the API schema of the committed supergraph against the baseline (the API
 * as last accepted). Fails on a breaking change no changelog entry records. `accept` then makes
 * the current API the new baseline, which it refuses while anything breaking is unrecorded.
 */
export async function breakingCheck(options: { accept: boolean }): Promise<CheckResult> {
  const current = apiSchemaOf(read('supergraph.graphql'));
  // A first baseline is the current API: nothing is published before it.
  const baseline = existsSync(resolve(REPOSITORY_ROOT, BASELINE_FILE)) ? read(BASELINE_FILE) : options.accept ? printApiSchema(current) : null;
  if (baseline === null) return { name: 'no unrecorded breaking change in the API', ok: false, lines: [`${BASELINE_FILE} is missing: run \`${ACCEPT}\``] };
  const report = await compareWithBaseline(baseline, current, read(CHANGELOG_FILE));
  const lines = [
    ...report.recorded.map((change) => `recorded in ${CHANGELOG_FILE}: ${describeChange(change).slice(2)}`),
    ...(report.others.length > 0 ? [`${report.others.length} non-breaking change(s) since the baseline (${ACCEPT} records them)`] : []),
  ];
  if (report.unrecorded.length > 0) {
    return {
      name: 'no unrecorded breaking change in the API',
      ok: false,
      lines: [
        `${report.unrecorded.length} breaking change(s) since ${BASELINE_FILE}. Avoid them (deprecate first, see`,
        `schema-standards/CONVENTIONS.md), or record them in an entry of ${CHANGELOG_FILE}:`,
        '',
        `## ${new Date().toISOString().slice(0, 10)}: <what changed>`,
        ...report.unrecorded.map(describeChange),
        '',
        '<why, and what clients do about it>',
        ...lines,
      ],
    };
  }
  if (options.accept) {
    const accepted = `${generatedHeader(ACCEPT, '#')}\n# The API as last accepted: the baseline breaking changes are measured against.\n${printApiSchema(current)}`;
    lines.push(writeGenerated(BASELINE_FILE, accepted, 'write', ACCEPT).line);
  }
  return { name: 'no unrecorded breaking change in the API', ok: true, lines };
}
