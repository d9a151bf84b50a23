import { spawn, type ChildProcess } from 'node:child_process';
import { resolve } from 'node:path';

const ROOT = resolve(import.meta.dirname, '../..');
/**
 * How long a subgraph process may take to become ready: embedded PGlite starts in ~5 s cold, but
 * four of them seeding at once on a busy two-core machine have taken over a minute.
 */
const READY_TIMEOUT_MS = 120_000;

/**
 * Starts one subgraph as its own Node process (`subgraphs/<name>/src/main.ts`) and resolves when
 * its `/readyz` answers. On failure the process is stopped and the error says why.
 */
export async function startSubgraphProcess(
  name: string,
  routingUrl: string,
  env: NodeJS.ProcessEnv,
  stdout: 'inherit' | 'ignore' = 'inherit',
): Promise<ChildProcess> {
  const child = spawn(process.execPath, ['--import', 'tsx', resolve(ROOT, `subgraphs/${name}/src/main.ts`)], {
    cwd: ROOT,
    env: { ...env, PORT: new URL(routingUrl).port },
    stdio: ['ignore', stdout, 'inherit'],
  });
  try {
    await waitUntilReady(routingUrl.replace(/\/graphql$/, '/readyz'), child);
    return child;
  } catch (error) {
    await stopProcess(child);
    throw error;
  }
}

async function waitUntilReady(url: string, child: ChildProcess): Promise<void> {
  const deadline = Date.now() + READY_TIMEOUT_MS;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`subgraph process for ${url} exited with code ${child.exitCode}`);
    try {
      const response = await fetch(url, { signal: AbortSignal.timeout(1_000) });
      if (response.ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`subgraph at ${url} was not ready within ${READY_TIMEOUT_MS / 1000}s`);
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
