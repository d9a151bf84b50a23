import { visit, type EnumValueDefinitionNode, type FieldDefinitionNode, type InputValueDefinitionNode } from 'graphql';
import type { Finding, ProjectRule } from '../rule.ts';
import { directive, stringArgument } from '../sdl-walk.ts';

/** `... removal after 2027-03-31` somewhere in the reason. */
const REMOVAL = /removal after (\d{4}-\d{2}-\d{2})\b/;

function isCalendarDate(text: string): boolean {
  const date = new Date(`${text}T00:00:00Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().slice(0, 10) === text;
}

/**
 * `@deprecated` says what to use instead and when the element goes, e.g.
 * `@deprecated(reason: "Use latestVitals; removal after 2027-03-31")`: partners plan by that date,
 * and the breaking-change check requires a changelog entry when it comes.
 */
export const deprecationWithDate: ProjectRule = {
  kind: 'project',
  name: 'deprecation-with-date',
  description: '`@deprecated` has a reason that ends with "removal after YYYY-MM-DD" (a real date).',
  check(subgraphs) {
    const findings: Finding[] = [];
    for (const subgraph of subgraphs) {
      const check = (node: FieldDefinitionNode | InputValueDefinitionNode | EnumValueDefinitionNode) => {
        const deprecated = directive(node, 'deprecated');
        if (!deprecated) return;
        const reason = stringArgument(deprecated, 'reason');
        const removal = reason?.match(REMOVAL)?.[1];
        if (!reason || !removal || !isCalendarDate(removal)) {
          findings.push({
            subgraph,
            node: deprecated,
            message: '@deprecated needs a reason naming the replacement and "removal after YYYY-MM-DD", e.g. @deprecated(reason: "Use x; removal after 2027-03-31")',
          });
        }
      };
      visit(subgraph.document, { FieldDefinition: check, InputValueDefinition: check, EnumValueDefinition: check });
    }
    return findings;
  },
};
