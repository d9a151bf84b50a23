import type { SubgraphSource } from '../subgraph-sources.ts';
import { runEslintRules } from './run-eslint.ts';
import type { EslintRule, ProjectRule, SchemaRule, Violation } from './rule.ts';

/** Checks subgraph SDLs against rules; violations sorted by file and position. */
export function lintSubgraphs(subgraphs: readonly SubgraphSource[], rules: readonly SchemaRule[]): Violation[] {
  const eslintRules = rules.filter((rule): rule is EslintRule => rule.kind === 'eslint');
  const projectRules = rules.filter((rule): rule is ProjectRule => rule.kind === 'project');
  const violations = runEslintRules(subgraphs, eslintRules);
  for (const rule of projectRules) {
    for (const finding of rule.check(subgraphs)) {
      const start = finding.node.loc?.startToken;
      violations.push({
        rule: rule.name,
        subgraph: finding.subgraph.name,
        file: finding.subgraph.file,
        line: start?.line ?? 1,
        column: start?.column ?? 1,
        message: finding.message,
      });
    }
  }
  return violations.sort((a, b) => a.file.localeCompare(b.file) || a.line - b.line || a.column - b.column || a.rule.localeCompare(b.rule));
}

export function formatViolation(violation: Violation): string {
  return `${violation.file}:${violation.line}:${violation.column}  ${violation.rule}  ${violation.message}`;
}
