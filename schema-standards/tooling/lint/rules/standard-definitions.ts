import { Kind, print, type DefinitionNode } from 'graphql';
import { standardDefinitions, type NamedDefinition } from '../../../src/standard-sdl.ts';
import type { Finding, ProjectRule } from '../rule.ts';

const named = (node: DefinitionNode): node is NamedDefinition => 'name' in node && node.name !== undefined;

/** How a subgraph's copy differs from the standard, or null when it is the same definition. */
export function copyDifference(node: NamedDefinition): string | null {
  const standard = standardDefinitions().get(node.name.value);
  if (!standard) return null;
  return print(node) === print(standard.node) ? null : `${node.name.value} differs from the standard's (schema-standards/sdl/standard.graphql)`;
}

/**
 * The standard's definitions (scalars, `@phi`, `PageInfo`, `Quantity`) appear in a subgraph only
 * as exact copies (description included), and a subgraph declares no scalar or directive of its
 * own: a new one belongs in the standard, so every subgraph means the same by it.
 * `pnpm lint:schema --fix` rewrites stale copies.
 */
export const standardDefinitionsRule: ProjectRule = {
  kind: 'project',
  name: 'standard-definitions',
  description: 'Scalars, directives, PageInfo and Quantity come from the standard, copied verbatim (`pnpm lint:schema --fix`).',
  check(subgraphs) {
    const findings: Finding[] = [];
    for (const subgraph of subgraphs) {
      for (const node of subgraph.document.definitions.filter(named)) {
        const difference = copyDifference(node);
        if (difference) {
          findings.push({ subgraph, node, message: `${difference}: run \`pnpm lint:schema --fix\`` });
        } else if (!standardDefinitions().has(node.name.value) && (node.kind === Kind.SCALAR_TYPE_DEFINITION || node.kind === Kind.DIRECTIVE_DEFINITION)) {
          const what = node.kind === Kind.SCALAR_TYPE_DEFINITION ? `scalar ${node.name.value}` : `directive @${node.name.value}`;
          findings.push({ subgraph, node, message: `${what} is not part of the standard: use a standard one, or add it to schema-standards/sdl/standard.graphql` });
        }
      }
    }
    return findings;
  },
};
