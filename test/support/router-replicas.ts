import type { ChildProcess } from 'node:child_process';
import { planDemoData, readServiceConfig, readSupergraphConfig, SMALL_DEMO, type DemoPlan } from '@caregraph/platform';
import { startPlatform, type RunningPlatform } from '@caregraph/router/platform';
import { startSubgraphProcess, stopProcess } from '@caregraph/router/subgraph-process';
import { createTestDatabase } from './database.ts';
import { distributedConfigOnFreePorts } from './platform.ts';
import { testPlatformEnv } from './tokens.ts';

export interface ReplicaSet {
  /** The demo data the subgraphs seeded. */
  plan: DemoPlan;
  /** One more router replica (in this process, on a port of its own) in front of the same subgraphs. */
  startRouter(env: Record<string, string>): Promise<RunningPlatform>;
  /** Stops every router started here, then the subgraph processes, and drops the database. */
  stop(): Promise<void>;
}

/**
 * The topology of a scaled-out deployment on loopback: one process per subgraph, on one test
 * database, and as many router replicas in front of them as a test starts, each configured on its
 * own (as each replica reads its own environment).
 */
export async function startReplicaSet(env: Record<string, string> = {}): Promise<ReplicaSet> {
  const database = await createTestDatabase();
  const base = testPlatformEnv(database, { PORT: '0', SUPERGRAPH_CONFIG: await distributedConfigOnFreePorts(), ...env });
  const processes: ChildProcess[] = [];
  const routers: RunningPlatform[] = [];
  const stop = async () => {
    await Promise.allSettled(routers.map((router) => router.stop()));
    await Promise.all(processes.map(stopProcess));
    await database.drop();
  };
  try {
    const started = await Promise.allSettled(
      readSupergraphConfig(base.SUPERGRAPH_CONFIG!).subgraphs.map(async (entry) => {
        processes.push(await startSubgraphProcess(entry.name, entry.routingUrl, base, 'ignore'));
      }),
    );
    const failed = started.find((outcome): outcome is PromiseRejectedResult => outcome.status === 'rejected');
    if (failed) throw failed.reason;
  } catch (error) {
    await stop();
    throw error;
  }
  return {
    plan: planDemoData(SMALL_DEMO),
    async startRouter(routerEnv) {
      const router = await startPlatform(readServiceConfig({ ...base, ...routerEnv }, { port: 0 }));
      routers.push(router);
      return router;
    },
    stop,
  };
}
