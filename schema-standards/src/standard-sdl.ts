import { readFileSync } from 'node:fs';
import { Kind, parse, type DefinitionNode, type DocumentNode } from 'graphql';

/** Where the standard's shared SDL lives (see sdl/standard.graphql). */
export const STANDARD_SDL_FILE = new URL('../sdl/standard.graphql', import.meta.url);

export type NamedDefinition = Extract<DefinitionNode, { name: unknown }>;

export interface StandardDefinition {
  name: string;
  kind: NamedDefinition['kind'];
  node: NamedDefinition;
  /** The definition's exact text in the standard file, description included: what subgraphs copy. */
  text: string;
}

let cached: Map<string, StandardDefinition> | null = null;

/** The standard's definitions by name (`phi` for the directive, `DateTime`, `PageInfo`, ...). */
export function standardDefinitions(): Map<string, StandardDefinition> {
  if (cached) return cached;
  const source = readFileSync(STANDARD_SDL_FILE, 'utf8');
  const document: DocumentNode = parse(source);
  cached = new Map();
  for (const node of document.definitions) {
    if (!('name' in node) || !node.name || !node.loc) continue;
    const named = node as NamedDefinition;
    cached.set(named.name.value, { name: named.name.value, kind: named.kind, node: named, text: source.slice(node.loc.start, node.loc.end) });
  }
  return cached;
}

/** The description the standard gives a definition, for code that must say the same (scalars). */
export function standardDescription(name: string): string | undefined {
  const node = standardDefinitions().get(name)?.node;
  return node && 'description' in node ? node.description?.value : undefined;
}

export const isStandardScalar = (name: string) => standardDefinitions().get(name)?.kind === Kind.SCALAR_TYPE_DEFINITION;
