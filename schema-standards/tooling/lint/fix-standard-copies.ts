import type { DefinitionNode } from 'graphql';
import { standardDefinitions, type NamedDefinition } from '../../src/standard-sdl.ts';
import type { SubgraphSource } from '../subgraph-sources.ts';
import { copyDifference } from './rules/standard-definitions.ts';

const named = (node: DefinitionNode): node is NamedDefinition => 'name' in node && node.name !== undefined;

/**
 * The subgraph SDL with every stale copy of a standard definition replaced by the standard's text,
 * in place; the rest of the file (order, comments, formatting) is left as it was.
 */
export function fixStandardCopies(subgraph: SubgraphSource): string {
  const stale = subgraph.document.definitions.filter(named).filter((node) => copyDifference(node) !== null);
  let sdl = subgraph.sdl;
  // From the end, so earlier offsets stay valid.
  for (const node of stale.sort((a, b) => b.loc!.start - a.loc!.start)) {
    sdl = sdl.slice(0, node.loc!.start) + standardDefinitions().get(node.name.value)!.text + sdl.slice(node.loc!.end);
  }
  return sdl;
}
