import type { Finding, ProjectRule } from '../rule.ts';
import { outputTypes, ROOT_TYPES } from '../sdl-walk.ts';

/**
 * `Query` and `Mutation` are declared by several subgraphs and composed into one type, whose
 * description would be whichever subgraph's comes first: an internal note of one subgraph would
 * describe the whole API. Describe the root fields instead (`descriptions-required` asks for them);
 * notes for developers go in `#` comments.
 */
export const rootTypesUndescribed: ProjectRule = {
  kind: 'project',
  name: 'root-types-undescribed',
  description: '`Query`, `Mutation` and `Subscription` carry no description (their fields do); use `#` comments for notes.',
  check(subgraphs) {
    const findings: Finding[] = [];
    for (const subgraph of subgraphs) {
      for (const type of outputTypes(subgraph.document)) {
        if (!ROOT_TYPES.has(type.name.value) || !('description' in type) || !type.description) continue;
        findings.push({ subgraph, node: type, message: `${type.name.value} has a description, which would describe every subgraph's ${type.name.value}: describe its fields, or use a # comment` });
      }
    }
    return findings;
  },
};
