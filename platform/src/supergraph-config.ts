import { readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { parse } from 'yaml';

/** One subgraph of a Rover `supergraph.yaml`. */
export interface SubgraphEntry {
  name: string;
  /** `inproc://<name>` runs the subgraph inside the router; an http(s) URL reaches it over HTTP. */
  routingUrl: string;
  /** Absolute path of the subgraph's SDL file. */
  schemaFile: string;
}

export interface SupergraphConfig {
  path: string;
  federationVersion: string;
  subgraphs: SubgraphEntry[];
  /** Where `pnpm compose` writes the composed supergraph SDL: beside the config, `.yaml` → `.graphql`. */
  supergraphSdlPath: string;
}

export const IN_PROCESS_SCHEME = 'inproc:';

/**
 * Reads a supergraph config in Rover's format (`federation_version`, `subgraphs.*.routing_url/schema.file`).
 * `routingUrls` replace the file's URLs by subgraph name (the `<NAME>_SUBGRAPH_URL` variables, see
 * ServiceConfig.subgraphUrls), so one committed file serves any number of stacks on one host.
 */
export function readSupergraphConfig(path: string, routingUrls: Readonly<Record<string, string>> = {}): SupergraphConfig {
  const raw = parse(readFileSync(path, 'utf8')) as {
    federation_version?: string;
    subgraphs?: Record<string, { routing_url?: string; schema?: { file?: string } }>;
  };
  const base = dirname(path);
  const problems: string[] = [];
  const subgraphs = Object.entries(raw?.subgraphs ?? {}).map(([name, entry]) => {
    if (!entry?.routing_url) problems.push(`subgraphs.${name}.routing_url is missing`);
    if (!entry?.schema?.file) problems.push(`subgraphs.${name}.schema.file is missing (only file schemas are supported)`);
    return { name, routingUrl: routingUrls[name] ?? entry?.routing_url ?? '', schemaFile: resolve(base, entry?.schema?.file ?? '') };
  });
  if (subgraphs.length === 0) problems.push('no subgraphs are listed');
  if (problems.length > 0) throw new Error(`${path}: ${problems.join('; ')}`);
  return {
    path,
    federationVersion: raw.federation_version ?? '=2.3.0',
    subgraphs,
    supergraphSdlPath: path.replace(/\.ya?ml$/, '.graphql'),
  };
}

export function isInProcess(entry: SubgraphEntry): boolean {
  return entry.routingUrl.startsWith(IN_PROCESS_SCHEME);
}
