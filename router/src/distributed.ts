import { spawn, type ChildProcess } from 'node:child_process';
import { resolve } from 'node:path';
import { isInProcess, readServiceConfig, readSupergraphConfig } from '@caregraph/platform';
import { startPlatform, type RunningPlatform } from './platform.ts';

const ROOT = resolve(import.meta.dirname, '../..');
/** How long a subgraph process may take to become ready (embedded PGlite starts in ~5 s cold). */
const READY_TIMEOUT_MS = 60_000;

export interface DistributedPlatform extends RunningPlatform {
  /** The subgraph processes, by name (tests kill them to inject faults). */
  processes: Map<string, ChildProcess>;
}

/**
 * Distributed mode on one machine: one process per subgraph at the URLs of the supergraph config,
 * then the router, in this process, reaching them over HTTP.
 */
export async function startDistributed(env: NodeJS.ProcessEnv = process.env): Promise<DistributedPlatform> {
  const config = readServiceConfig(env, { port: 4000 });
  const supergraph = readSupergraphConfig(config.supergraphConfig);
  const processes = new Map<string, ChildProcess>();
  const stopChildren = () => Promise.all([...processes.values()].map(stopChild));
  try {
    await Promise.all(
      supergraph.subgraphs
        .filter((entry) => !isInProcess(entry))
        .map(async (entry) => {
          const child = spawn(process.execPath, ['--import', 'tsx', resolve(ROOT, `subgraphs/${entry.name}/src/main.ts`)], {
            cwd: ROOT,
            env: { ...env, PORT: new URL(entry.routingUrl).port, SUPERGRAPH_CONFIG: supergraph.path },
            stdio: ['ignore', 'inherit', 'inherit'],
          });
          processes.set(entry.name, child);
          await waitUntilReady(entry.routingUrl.replace(/\/graphql$/, '/readyz'), child);
        }),
    );
    const platform = await startPlatform(config);
    return {
      ...platform,
      processes,
      async stop() {
        await platform.stop();
        await stopChildren();
      },
    };
  } catch (error) {
    await stopChildren();
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

function stopChild(child: ChildProcess): Promise<void> {
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
