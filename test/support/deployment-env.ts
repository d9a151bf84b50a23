import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, isAbsolute, join, resolve } from 'node:path';
import {
  ConfigError,
  domainDatabaseUrl,
  isInProcess,
  LocalKeyFile,
  productionProblems,
  readServiceConfig,
  readSupergraphConfig,
  routerRole,
  subgraphRole,
  type SupergraphConfig,
} from '@caregraph/platform';
import { DOMAIN_SERVICES } from '@caregraph/router/services';

const ROOT = resolve(import.meta.dirname, '../..');

/** What the platform decides from one deployed process's environment, before it opens anything. */
export interface StartupVerdict {
  /** Every reason it would refuse to start (configuration errors and production refusals). */
  problems: string[];
  /** The subgraphs as this process would reach them (routing URLs after the environment's). */
  supergraph: SupergraphConfig | null;
}

/**
 * Runs the platform's own start-up checks (readServiceConfig, then production-safety.ts for the
 * service's role) on the environment a manifest or compose file gives one service, as that service
 * would at start (runSubgraph's reading, for a subgraph): a file it names (KEYS_FILE, certificates) is made, under a temporary root, from
 * what its volume would hold (a key file as `pnpm keys:rotate` writes it; a placeholder PEM; the
 * platform checks files exist at start and reads them when serving). Secret values are the
 * caller's stand-ins.
 */
export function startupVerdict(service: string, env: Record<string, string>): StartupVerdict {
  const root = mkdtempSync(join(tmpdir(), 'caregraph-deployed-'));
  try {
    const local: Record<string, string> = {};
    for (const [name, value] of Object.entries(env)) {
      if (!name.endsWith('_FILE') || !isAbsolute(value)) {
        local[name] = value;
        continue;
      }
      const file = join(root, value);
      mkdirSync(dirname(file), { recursive: true });
      if (name === 'KEYS_FILE') new LocalKeyFile(file);
      else writeFileSync(file, '-----BEGIN CERTIFICATE-----\n-----END CERTIFICATE-----\n');
      local[name] = file;
    }
    // The image's working directory holds the supergraph files: here, the repository root.
    if (local.SUPERGRAPH_CONFIG && !isAbsolute(local.SUPERGRAPH_CONFIG)) local.SUPERGRAPH_CONFIG = resolve(ROOT, local.SUPERGRAPH_CONFIG);
    const domain = DOMAIN_SERVICES.find((candidate) => candidate.name === service);
    // As runSubgraph reads it: the domain's own database stands in for DATABASE_URL.
    const own = domain ? domainDatabaseUrl(local, domain.name) : undefined;
    let config;
    try {
      config = readServiceConfig({ ...local, ...(own ? { DATABASE_URL: own } : {}) }, { port: 0 });
    } catch (error) {
      if (error instanceof ConfigError) return { problems: error.problems, supergraph: null };
      throw error;
    }
    const supergraph = readSupergraphConfig(config.supergraphConfig, config.subgraphUrls);
    const role = domain ? subgraphRole(domain) : routerRole(supergraph, DOMAIN_SERVICES, { launchesSubgraphs: false });
    const problems = productionProblems(config, role);
    if (!config.production) problems.push('NODE_ENV is not production');
    if (!domain && supergraph.subgraphs.some(isInProcess)) problems.push('the router would run subgraphs in its own process');
    return { problems, supergraph };
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
}

/** Every environment variable docs/configuration.md documents (its table's first column). */
export function documentedVariables(): Set<string> {
  const text = readFileSync(resolve(ROOT, 'docs/configuration.md'), 'utf8');
  const names = new Set<string>();
  for (const line of text.split('\n').filter((l) => l.startsWith('| `'))) {
    const first = line.split('|')[1] ?? '';
    for (const match of first.matchAll(/`([A-Z][A-Z0-9_]*)(?:<[A-Z]+>)?`/g)) names.add(match[1]!);
  }
  return names;
}
