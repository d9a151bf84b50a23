import { fork, type ChildProcess } from 'node:child_process';
import type { DirectDashboardSpec } from './direct-dashboard.ts';
import type { FixedRequestSpec, IngestSpec } from './fixed-request.ts';
import type { LoadResult } from './result.ts';

export interface ClosedLoopPhases {
  concurrency: number;
  warmupSeconds: number;
  durationSeconds: number;
}

export type LoadJob =
  | { kind: 'fixed'; spec: FixedRequestSpec }
  | { kind: 'ingest'; spec: IngestSpec }
  | { kind: 'direct-dashboard'; spec: DirectDashboardSpec; phases: ClosedLoopPhases }
  | { kind: 'routed-dashboard'; spec: { url: string; token: string; patientId: string; query: string }; phases: ClosedLoopPhases };

/** The load generator in a child process of its own (load-child.ts), one job at a time. */
export class LoadGenerator {
  private readonly child: ChildProcess;
  private next = 0;
  private readonly pending = new Map<number, { done(result: LoadResult): void; fail(error: Error): void }>();

  constructor() {
    this.child = fork(new URL('./load-child.ts', import.meta.url), [], { execArgv: ['--import', 'tsx'], stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
    this.child.on('message', (message: { id: number; result?: LoadResult; error?: string }) => {
      const waiting = this.pending.get(message.id);
      this.pending.delete(message.id);
      if (message.error !== undefined) waiting?.fail(new Error(`load generator: ${message.error}`));
      else waiting?.done(message.result!);
    });
    this.child.on('exit', (code) => {
      for (const waiting of this.pending.values()) waiting.fail(new Error(`the load generator exited (${code})`));
      this.pending.clear();
    });
  }

  run(job: LoadJob): Promise<LoadResult> {
    const id = this.next++;
    return new Promise((done, fail) => {
      this.pending.set(id, { done, fail });
      this.child.send({ id, job });
    });
  }

  stop(): void {
    this.child.kill();
  }
}
