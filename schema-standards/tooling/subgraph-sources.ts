import { readFileSync } from 'node:fs';
import { relative, resolve } from 'node:path';
import { parse, type DocumentNode } from 'graphql';
import { parse as parseYaml } from 'yaml';

/** The repository root, which holds supergraph.yaml. */
export const REPOSITORY_ROOT = resolve(import.meta.dirname, '../..');

/** One subgraph's SDL as the tools see it. */
export interface SubgraphSource {
  name: string;
  /** Path of the SDL file relative to the repository root, for messages; any label in tests. */
  file: string;
  sdl: string;
  document: DocumentNode;
}

export function subgraphSource(name: string, file: string, sdl: string): SubgraphSource {
  return { name, file, sdl, document: parse(sdl) };
}

interface RoverConfig {
  subgraphs: Record<string, { schema: { file: string } }>;
}

/** Every subgraph listed in a supergraph config (Rover's format), read from disk. */
export function loadSubgraphSources(config = resolve(REPOSITORY_ROOT, 'supergraph.yaml')): SubgraphSource[] {
  const parsed = parseYaml(readFileSync(config, 'utf8')) as RoverConfig;
  return Object.entries(parsed.subgraphs).map(([name, entry]) => {
    const path = resolve(resolve(config, '..'), entry.schema.file);
    return subgraphSource(name, relative(REPOSITORY_ROOT, path), readFileSync(path, 'utf8'));
  });
}
