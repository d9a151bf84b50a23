import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { untilChildReady } from '@caregraph/platform';

/**
 * How long a subgraph process may take to become ready: embedded PGlite starts in ~5 s cold, but
 * four of them seeding at once on a busy two-core machine have taken over a minute.
 */
const READY_TIMEOUT_MS = 120_000;

/**
 * Starts one subgraph as its own Node process (`@caregraph/<name>/main`: its build under plain node
 * once built, its source through tsx in development) and resolves when
 * the process itself reports ready (see ready-signal.ts: a poll of the port could be answered by
 * another process holding it). On failure the process is stopped and the error says why.
 */
export async function startSubgraphProcess(
  name: string,
  routingUrl: string,
  env: NodeJS.ProcessEnv,
  stdout: 'inherit' | 'ignore' = 'inherit',
): Promise<ChildProcess> {
  // Resolved as this process resolves packages: dist/main.js, or src/main.ts under @caregraph/source.
  const entry = fileURLToPath(import.meta.resolve(`@caregraph/${name}/main`));
  const child = spawn(process.execPath, [...(entry.endsWith('.ts') ? ['--import', 'tsx'] : []), entry], {
    cwd: process.cwd(),
    env: { ...env, PORT: new URL(routingUrl).port },
    stdio: ['ignore', stdout, 'inherit', 'ipc'],
  });
  try {
    await untilChildReady(child, `the ${name} subgraph process for ${routingUrl}`, READY_TIMEOUT_MS);
    return child;
  } catch (error) {
    await stopProcess(child);
    throw error;
  }
}

/** SIGTERM, then SIGKILL after 5 s; resolves when the process is gone. */
export function stopProcess(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((done) => {
    const force = setTimeout(() => child.kill('SIGKILL'), 5_000);
    child.once('exit', () => {
      clearTimeout(force);
      done();
    });
    child.kill('SIGTERM');
  });
}
