import { spawn, type ChildProcess } from 'node:child_process';
import { resolve } from 'node:path';
import { untilChildReady } from '@caregraph/platform';
import { stopProcess } from '@caregraph/router/subgraph-process';
import { createTestDatabase, type TestDatabase } from './database.ts';
import { distributedConfigOnFreePorts, freePort } from './platform.ts';
import { TEST_DEV_KEY_FILE, TEST_KEYS_FILE, TEST_ROUTER_SECRET_FILE } from './tokens.ts';

const ROOT = resolve(import.meta.dirname, '../..');

export interface PlatformProcess {
  url: string;
  /** The supergraph config the process runs (distributed mode: its subgraphs' URLs). */
  supergraphConfig: string;
  /** Everything the process (and its children) wrote to stdout so far. */
  output(): string;
  /** SIGKILL, as a crash or an out-of-memory kill would: no shutdown, no flush. */
  crash(): Promise<void>;
  /** SIGTERM (SIGKILL after 5 s) and drops the database it made; a second call does nothing. */
  stop(): Promise<void>;
  /** The exit code once the process has ended by itself; null while it runs or when a signal ended it. */
  exitCode(): number | null;
}

export interface PlatformProcessOptions {
  /** Keep the data across processes: this database (else a fresh one, dropped on stop)… */
  database?: TestDatabase;
  /** …or, on embedded PGlite, this data directory (else in memory). */
  pgliteDir?: string;
  /**
   * Serve HTTPS everywhere (router and, in distributed mode, every subgraph at https routing
   * URLs) with this certificate, which the processes also trust as their CA.
   */
  tls?: { certFile: string; keyFile: string };
}

/**
 * The platform as a user starts it, in a process of its own (`router/src/main.ts` for in-process
 * mode, `scripts/start-distributed.ts` for distributed mode), on a fresh test database.
 */
export async function startPlatformProcess(
  mode: 'in-process' | 'distributed',
  extraEnv: NodeJS.ProcessEnv,
  options: PlatformProcessOptions = {},
): Promise<PlatformProcess> {
  const database: TestDatabase = options.database ?? (await createTestDatabase());
  const ownsDatabase = !options.database;
  const port = await freePort();
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    PORT: String(port),
    SUPERGRAPH_CONFIG: mode === 'in-process' ? resolve(ROOT, 'supergraph.yaml') : await distributedConfigOnFreePorts(options.tls ? 'https' : 'http'),
    DEMO_DATA: 'true',
    PGLITE_DATA_DIR: options.pgliteDir ?? 'memory',
    DATABASE_POOL_MAX: '4',
    AUTH_DEV_KEY_FILE: TEST_DEV_KEY_FILE,
    ROUTER_SECRET_FILE: TEST_ROUTER_SECRET_FILE,
    KEYS_FILE: TEST_KEYS_FILE,
    ...(options.tls ? { TLS_CERT_FILE: options.tls.certFile, TLS_KEY_FILE: options.tls.keyFile, NODE_EXTRA_CA_CERTS: options.tls.certFile } : {}),
    ...extraEnv,
  };
  if (database.url) env.DATABASE_URL = database.url;
  else delete env.DATABASE_URL;
  const entry = mode === 'in-process' ? 'router/src/main.ts' : 'scripts/start-distributed.ts';
  const child: ChildProcess = spawn(process.execPath, ['--import', 'tsx', resolve(ROOT, entry)], { cwd: ROOT, env, stdio: ['ignore', 'pipe', 'inherit', 'ipc'] });
  let output = '';
  child.stdout!.on('data', (chunk: Buffer) => (output += chunk.toString('utf8')));
  const url = options.tls ? `https://localhost:${port}/graphql` : `http://127.0.0.1:${port}/graphql`;
  let stopped: Promise<void> | undefined;
  const stop = () =>
    (stopped ??= (async () => {
      await stopProcess(child);
      if (ownsDatabase) await database.drop();
    })());
  const crash = async () => {
    if (child.exitCode !== null || child.signalCode !== null) return;
    const exited = new Promise((done) => child.once('exit', done));
    child.kill('SIGKILL');
    await exited;
  };
  try {
    // The process's own word, not a poll of the port: see ready-signal.ts.
    await untilChildReady(child, 'the platform process', PROCESS_START_ALLOWANCE_MS);
  } catch (error) {
    await stop();
    throw error;
  }
  return { url, supergraphConfig: env.SUPERGRAPH_CONFIG!, output: () => output, crash, stop, exitCode: () => child.exitCode };
}

/**
 * How long a platform process may take to report ready. Seconds on a quiet machine; CI's embedded
 * PGlite pass, with both cores busy, has taken over 100 s to migrate and seed a database on disk.
 */
export const PROCESS_START_ALLOWANCE_MS = 200_000;

/** The timeout for a test or hook that starts a platform process (its start plus its own work). */
export const PROCESS_TEST_TIMEOUT_MS = PROCESS_START_ALLOWANCE_MS + 60_000;
