import type { ChildProcess } from 'node:child_process';
import { isInProcess, readServiceConfig, readSupergraphConfig } from '@caregraph/platform';
import { startPlatform, type RunningPlatform } from './platform.ts';
import { startSubgraphProcess, stopProcess } from './subgraph-process.ts';

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
  const supergraph = readSupergraphConfig(config.supergraphConfig, config.subgraphUrls);
  const processes = new Map<string, ChildProcess>();
  const stopChildren = () => Promise.all([...processes.values()].map(stopProcess));
  try {
    await Promise.all(
      supergraph.subgraphs
        .filter((entry) => !isInProcess(entry))
        .map(async (entry) => {
          const child = await startSubgraphProcess(entry.name, entry.routingUrl, { ...env, SUPERGRAPH_CONFIG: supergraph.path });
          processes.set(entry.name, child);
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
