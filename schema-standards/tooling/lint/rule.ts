import type { Linter } from 'eslint';
import type { ASTNode } from 'graphql';
import type { SubgraphSource } from '../subgraph-sources.ts';

/** One place a subgraph SDL breaks the standard. */
export interface Violation {
  rule: string;
  subgraph: string;
  file: string;
  line: number;
  column: number;
  message: string;
}

/** What a project rule reports: the node where the problem is, and what is wrong. */
export interface Finding {
  subgraph: SubgraphSource;
  node: ASTNode;
  message: string;
}

interface RuleBase {
  /** Kebab-case, as printed in every violation and named in CONVENTIONS.md. */
  name: string;
  /** One sentence: what the rule requires. */
  description: string;
}

/** A rule of our own, given every subgraph at once (some rules compare subgraphs). */
export interface ProjectRule extends RuleBase {
  kind: 'project';
  check(subgraphs: readonly SubgraphSource[]): Finding[];
}

/** A rule carried out by @graphql-eslint/eslint-plugin rules, configured here. */
export interface EslintRule extends RuleBase {
  kind: 'eslint';
  /** ESLint rule settings, keyed `@graphql-eslint/<rule>`. */
  rules: Linter.RulesRecord;
}

export type SchemaRule = ProjectRule | EslintRule;
