// The load generator's process: the bench forks it so that generating load never shares an event
// loop (or a core's time slice bookkeeping) with the servers it measures. One job at a time, over IPC.
import { closedLoop } from './closed-loop.ts';
import { directDashboard, routedDashboard } from './direct-dashboard.ts';
import { runFixedRequest, runIngest } from './fixed-request.ts';
import type { LoadJob } from './load-generator.ts';
import type { LoadResult } from './result.ts';

async function run(job: LoadJob): Promise<LoadResult> {
  switch (job.kind) {
    case 'fixed':
      return runFixedRequest(job.spec);
    case 'ingest':
      return runIngest(job.spec);
    case 'direct-dashboard':
    case 'routed-dashboard': {
      const scenario = job.kind === 'direct-dashboard' ? directDashboard(job.spec) : routedDashboard(job.spec);
      try {
        return await closedLoop(scenario.iteration, job.phases);
      } finally {
        scenario.close();
      }
    }
  }
}

process.on('message', (message: { id: number; job: LoadJob }) => {
  run(message.job).then(
    (result) => process.send!({ id: message.id, result }),
    (error: Error) => process.send!({ id: message.id, error: error.stack ?? error.message }),
  );
});
