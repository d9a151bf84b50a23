import { resolve } from 'node:path';

/** Settings every caregraph process reads from its environment, parsed once at start. */
export interface ServiceConfig {
  /** HTTP port. Env `PORT`. */
  port: number;
  /** PostgreSQL URL; unset means embedded PGlite. Env `DATABASE_URL`. */
  databaseUrl: string | undefined;
  /** PGlite data directory when embedded. Env `PGLITE_DATA_DIR`, default `.data/pglite`; `memory` keeps nothing. */
  pgliteDir: string | undefined;
  /** Seed the demo data set into an empty database. Env `DEMO_DATA`; default on for embedded, off for PostgreSQL. */
  demoData: boolean;
  /** Rover-format supergraph config choosing the mode. Env `SUPERGRAPH_CONFIG`, default `supergraph.yaml`. */
  supergraphConfig: string;
  /** Largest PostgreSQL pool per process. Env `DATABASE_POOL_MAX`, default 10. */
  poolMax: number;
}

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
  }
}

/** Reads the configuration, failing with every problem at once rather than the first. */
export function readServiceConfig(env: NodeJS.ProcessEnv, defaults: { port: number; pgliteDir?: string }): ServiceConfig {
  const problems: string[] = [];
  const int = (name: string, fallback: number, min: number, max: number): number => {
    const raw = env[name];
    if (raw === undefined || raw === '') return fallback;
    const value = Number(raw);
    if (!Number.isInteger(value) || value < min || value > max) {
      problems.push(`${name} must be an integer from ${min} to ${max}`);
      return fallback;
    }
    return value;
  };
  const databaseUrl = env.DATABASE_URL || undefined;
  if (databaseUrl && !/^postgres(ql)?:\/\//.test(databaseUrl)) {
    problems.push('DATABASE_URL must start with postgres:// or postgresql://');
  }
  const demo = env.DEMO_DATA;
  if (demo !== undefined && demo !== '' && !['true', 'false'].includes(demo)) {
    problems.push('DEMO_DATA must be true or false');
  }
  const pgliteDir = env.PGLITE_DATA_DIR || defaults.pgliteDir || '.data/pglite';
  const config: ServiceConfig = {
    port: int('PORT', defaults.port, 0, 65535),
    databaseUrl,
    pgliteDir: pgliteDir === 'memory' ? undefined : resolve(pgliteDir),
    demoData: demo ? demo === 'true' : !databaseUrl,
    supergraphConfig: resolve(env.SUPERGRAPH_CONFIG || 'supergraph.yaml'),
    poolMax: int('DATABASE_POOL_MAX', 10, 1, 1000),
  };
  if (problems.length > 0) throw new ConfigError(problems);
  return config;
}
