import { Kind, print, type ASTNode, type FieldDefinitionNode } from 'graphql';
import { DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE } from '../../../src/pagination.ts';
import type { Finding, ProjectRule } from '../rule.ts';
import { namedType, outputFields } from '../sdl-walk.ts';

const argument = (field: FieldDefinitionNode, name: string) => field.arguments?.find((a) => a.name.value === name);

/**
 * A field returning a connection takes `first: Int` and `after: String`, and `first`'s description
 * states the default and the maximum that `pageSize` enforces, so clients read the real bounds.
 * Backward pagination (`last`, `before`) is not part of the standard: the helpers do not support it.
 */
export const paginationArguments: ProjectRule = {
  kind: 'project',
  name: 'pagination-arguments',
  description: `Connection fields take \`first: Int\` (described with "default ${DEFAULT_PAGE_SIZE}" and "at most ${MAX_PAGE_SIZE}") and \`after: String\`, and no \`last\`/\`before\`.`,
  check(subgraphs) {
    const findings: Finding[] = [];
    for (const subgraph of subgraphs) {
      for (const { type, field } of outputFields(subgraph.document)) {
        if (!namedType(field.type).endsWith('Connection')) continue;
        const at = `${type.name.value}.${field.name.value}`;
        const report = (message: string, node: ASTNode = field) => findings.push({ subgraph, node, message: `${at}: ${message}` });
        const first = argument(field, 'first');
        const after = argument(field, 'after');
        if (!first || print(first.type) !== 'Int') report('takes `first: Int`');
        else if (!first.description?.value.includes(`default ${DEFAULT_PAGE_SIZE}`) || !first.description.value.includes(`at most ${MAX_PAGE_SIZE}`)) {
          report(`the description of \`first\` states "default ${DEFAULT_PAGE_SIZE}" and "at most ${MAX_PAGE_SIZE}"`, first);
        } else if (first.defaultValue && first.defaultValue.kind !== Kind.NULL) {
          // A schema default would hide the documented default from `pageSize` and drift from it.
          report('`first` has no default value in the schema (the server applies the default)', first);
        }
        if (!after || print(after.type) !== 'String') report('takes `after: String`');
        for (const backward of ['last', 'before']) {
          const node = argument(field, backward);
          if (node) report(`\`${backward}\` is not supported: connections page forward only`, node);
        }
      }
    }
    return findings;
  },
};
