import { writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { CheckResult } from '../check.ts';
import { loadSubgraphSources, REPOSITORY_ROOT } from '../subgraph-sources.ts';
import { caregraphRules } from './caregraph-rules.ts';
import { fixStandardCopies } from './fix-standard-copies.ts';
import { formatViolation, lintSubgraphs } from './lint.ts';

/** `pnpm lint:schema`: every subgraph SDL of supergraph.yaml against caregraph's rules. */
export function lintCheck(options: { fix: boolean }): CheckResult {
  const fixed: string[] = [];
  if (options.fix) {
    for (const subgraph of loadSubgraphSources()) {
      const sdl = fixStandardCopies(subgraph);
      if (sdl === subgraph.sdl) continue;
      writeFileSync(resolve(REPOSITORY_ROOT, subgraph.file), sdl);
      fixed.push(`fixed the standard's definitions in ${subgraph.file}`);
    }
  }
  const subgraphs = loadSubgraphSources();
  const violations = lintSubgraphs(subgraphs, caregraphRules);
  const name = 'subgraph SDLs follow the schema standard (schema-standards/CONVENTIONS.md)';
  if (violations.length > 0) {
    return { name, ok: false, lines: [...fixed, ...violations.map(formatViolation), `${violations.length} violation(s); \`pnpm lint:schema --fix\` fixes copies of the standard's definitions`] };
  }
  return { name, ok: true, lines: [...fixed, `${subgraphs.length} subgraphs, ${caregraphRules.length} rules`] };
}
