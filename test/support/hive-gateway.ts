import { spawn, type ChildProcess } from 'node:child_process';
import { createRequire } from 'node:module';
import { dirname, resolve } from 'node:path';
import { readSupergraphConfig } from '@caregraph/platform';
import { stopProcess } from '@caregraph/router/subgraph-process';
import { eventually } from './eventually.ts';
import { freePort } from './platform.ts';

const ROOT = resolve(import.meta.dirname, '../..');
/** The committed configuration an operator runs (config only: no plugins of ours). */
export const HIVE_GATEWAY_CONFIG = resolve(ROOT, 'deploy/hive-gateway/gateway.config.ts');
/** The committed supergraph, unchanged: its routing URLs are overridden by the config's *_SUBGRAPH_URL. */
export const COMMITTED_SUPERGRAPH = resolve(ROOT, 'supergraph.distributed.graphql');
const HIVE_BIN = resolve(dirname(createRequire(import.meta.url).resolve('@graphql-hive/gateway')), 'bin.js');
/** Hive itself starts in about a second; a loaded two-core CI machine gets more. */
const READY_TIMEOUT_MS = 60_000;

export interface HiveGateway {
  url: string;
  /** Everything Hive wrote so far (stdout and stderr), for a failure's message. */
  output(): string;
  stop(): Promise<void>;
}

/**
 * Hive Gateway as an operator starts it: its own CLI (`hive-gateway supergraph … -c …`) on the
 * committed supergraph and the committed config, in a process of its own, with each subgraph's URL
 * taken from a running supergraph config (`PATIENTS_SUBGRAPH_URL`, …) and `env` on top.
 */
export async function startHiveGateway(subgraphsOf: string, env: NodeJS.ProcessEnv): Promise<HiveGateway> {
  const urls = Object.fromEntries(readSupergraphConfig(subgraphsOf).subgraphs.map((entry) => [`${entry.name.toUpperCase()}_SUBGRAPH_URL`, entry.routingUrl]));
  const port = await freePort();
  const child: ChildProcess = spawn(
    process.execPath,
    [HIVE_BIN, 'supergraph', COMMITTED_SUPERGRAPH, '--config-path', HIVE_GATEWAY_CONFIG, '--host', '127.0.0.1', '--port', String(port)],
    { cwd: ROOT, env: { ...process.env, ...urls, ...env }, stdio: ['ignore', 'pipe', 'pipe'] },
  );
  let output = '';
  const collect = (chunk: Buffer) => (output += chunk.toString('utf8'));
  child.stdout!.on('data', collect);
  child.stderr!.on('data', collect);
  const origin = `http://127.0.0.1:${port}`;
  const stop = () => stopProcess(child);
  // Hive's readiness endpoint answers 200 once the supergraph is loaded.
  const ready = await eventually(async () => {
    if (child.exitCode !== null) return true;
    return fetch(`${origin}/readiness`).then((r) => r.ok, () => false);
  }, READY_TIMEOUT_MS, 200);
  if (!ready || child.exitCode !== null) {
    await stop();
    throw new Error(`Hive Gateway did not become ready (exit ${child.exitCode}):\n${output}`);
  }
  return { url: `${origin}/graphql`, output: () => output, stop };
}
