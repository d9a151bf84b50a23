import { lintSubgraphs } from '../../tooling/lint/lint.ts';
import type { SchemaRule } from '../../tooling/lint/rule.ts';
import { subgraphSource, type SubgraphSource } from '../../tooling/subgraph-sources.ts';

const FEDERATION = 'extend schema @link(url: "https://specs.apollo.dev/federation/v2.3", import: ["@key", "@shareable", "@external", "@inaccessible"])';

/** A federation subgraph SDL from `body`, as the linter reads files. */
export function subgraph(name: string, body: string): SubgraphSource {
  return subgraphSource(name, `${name}.graphql`, `${FEDERATION}\n${body}`);
}

/** What `rule` reports on these subgraphs, as `subgraph: message` strings. */
export function violations(rule: SchemaRule, ...subgraphs: SubgraphSource[]): string[] {
  return lintSubgraphs(subgraphs, [rule]).map((v) => `${v.subgraph}: ${v.message}`);
}
