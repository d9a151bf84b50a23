import { readFileSync } from 'node:fs';
import { composeServices } from '@apollo/composition';
import { parse } from 'graphql';
import type { SupergraphConfig } from '@caregraph/platform';

export interface CompositionOutcome {
  supergraphSdl: string | null;
  errors: string[];
  /** Composition hints the standards do not allow (see FORBIDDEN_HINTS). */
  forbiddenHints: string[];
  hints: string[];
}

/**
 * Hints that signal a real schema problem rather than a style note: inconsistent shared types or
 * fields, which would make a field's meaning depend on which subgraph answered.
 */
const FORBIDDEN_HINTS = [/^INCONSISTENT_/, /^UNUSED_ENUM_TYPE$/];

export function composeSupergraph(config: SupergraphConfig): CompositionOutcome {
  const result = composeServices(
    config.subgraphs.map((entry) => ({
      name: entry.name,
      url: entry.routingUrl,
      typeDefs: parse(readFileSync(entry.schemaFile, 'utf8')),
    })),
  );
  const hints = (result.hints ?? []).map((hint) => `${hint.definition.code}: ${hint.message}`);
  const forbiddenHints = (result.hints ?? [])
    .filter((hint) => FORBIDDEN_HINTS.some((pattern) => pattern.test(hint.definition.code)))
    .map((hint) => `${hint.definition.code}: ${hint.message}`);
  if (result.errors) {
    return { supergraphSdl: null, errors: result.errors.map((error) => error.message), forbiddenHints, hints };
  }
  return { supergraphSdl: result.supergraphSdl, errors: [], forbiddenHints, hints };
}
