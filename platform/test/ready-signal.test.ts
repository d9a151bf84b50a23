import { spawn } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { untilChildReady } from '../src/host/ready-signal.ts';

const READY_SIGNAL = resolve(import.meta.dirname, '../src/host/ready-signal.ts');
const dir = mkdtempSync(join(tmpdir(), 'caregraph-ready-'));

/** A child process running `body` with signalReady in scope. */
function child(body: string, ipc = true) {
  const file = join(dir, `child-${Math.random().toString(36).slice(2)}.ts`);
  writeFileSync(file, `import { signalReady } from ${JSON.stringify(READY_SIGNAL)};\n${body}\n`);
  return spawn(process.execPath, ['--import', 'tsx', file], { stdio: ['ignore', 'ignore', 'inherit', ...(ipc ? ['ipc' as const] : [])] });
}

function exitOf(process: ReturnType<typeof child>): Promise<number | null> {
  if (process.exitCode !== null) return Promise.resolve(process.exitCode);
  return new Promise((done) => process.once('exit', (code) => done(code)));
}

describe('ready signal between a started process and its parent', () => {
  it('resolves with the URL the child reports; the channel alone keeps neither process alive', async () => {
    const started = child(`signalReady('http://127.0.0.1:4321/graphql', () => process.exit(7));`);
    await expect(untilChildReady(started, 'the test child', 20_000)).resolves.toBe('http://127.0.0.1:4321/graphql');
    // Nothing else keeps the child alive: it ends by itself, normally.
    expect(await exitOf(started)).toBe(0);
  });

  it('tells the child when its parent is gone', async () => {
    const started = child(`signalReady('http://127.0.0.1:4321/graphql', () => process.exit(7)); setInterval(() => {}, 1_000);`);
    await untilChildReady(started, 'the test child', 20_000);
    started.disconnect(); // what the child sees when its parent ends, a SIGKILL included
    expect(await exitOf(started)).toBe(7);
  });

  it('rejects with the exit code when the child ends before it is ready', async () => {
    const started = child(`process.exit(3);`);
    await expect(untilChildReady(started, 'the test child', 20_000)).rejects.toThrow('the test child exited before it was ready (code 3)');
  });

  it('ignores other messages and rejects when no ready message comes in time', async () => {
    const started = child(`process.send!({ caregraph: 'starting' }); setTimeout(() => {}, 30_000);`);
    await expect(untilChildReady(started, 'the test child', 3_000)).rejects.toThrow('the test child was not ready within 3s');
    started.kill('SIGKILL');
    await exitOf(started);
  });

  it('is a no-op for a process started without a channel (from a terminal)', async () => {
    const started = child(`signalReady('http://127.0.0.1:4321/graphql', () => process.exit(7));`, false);
    expect(await exitOf(started)).toBe(0);
  });
});
