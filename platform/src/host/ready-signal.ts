import type { ChildProcess } from 'node:child_process';

/**
 * A started process tells the process that spawned it that it is ready, over the IPC channel the
 * parent opened (`stdio: [..., 'ipc']`). Polling a port for readiness cannot tell whose server
 * answers: when another process already holds that port, the poll succeeds against it and the
 * parent goes on talking to the wrong server. The message comes from the child itself.
 */
interface ReadyMessage {
  caregraph: 'ready';
  url: string;
}

/**
 * Child side: tells the parent `url` is ready, and calls `parentGone` when the channel closes, that
 * is when the parent has ended, however it ended (a SIGKILLed launcher must not leave its
 * subgraphs running). A no-op when nobody is listening (started from a terminal).
 */
export function signalReady(url: string, parentGone: () => void): void {
  if (!process.send || !process.connected) return;
  const message: ReadyMessage = { caregraph: 'ready', url };
  process.send(message);
  process.once('disconnect', parentGone);
  // The channel alone does not keep this process alive: it lives exactly as long as it would without a parent.
  process.channel?.unref();
}

/**
 * Parent side: resolves with the URL the child reports once it is ready; rejects when the child
 * exits first or does not report within `timeoutMs`.
 */
export function untilChildReady(child: ChildProcess, what: string, timeoutMs: number): Promise<string> {
  return new Promise((resolve, reject) => {
    const finish = (outcome: () => void) => {
      clearTimeout(timer);
      child.off('message', onMessage);
      child.off('exit', onExit);
      outcome();
    };
    const onMessage = (message: unknown) => {
      if (!isReadyMessage(message)) return;
      // Nor does it keep the parent alive; it stays open so the child sees the parent go.
      child.channel?.unref();
      finish(() => resolve(message.url));
    };
    const onExit = (code: number | null, signal: NodeJS.Signals | null) =>
      finish(() => reject(new Error(`${what} exited before it was ready (${signal ?? `code ${code}`})`)));
    const timer = setTimeout(() => finish(() => reject(new Error(`${what} was not ready within ${timeoutMs / 1000}s`))), timeoutMs);
    child.on('message', onMessage);
    child.once('exit', onExit);
  });
}

function isReadyMessage(message: unknown): message is ReadyMessage {
  return typeof message === 'object' && message !== null && (message as ReadyMessage).caregraph === 'ready' && typeof (message as ReadyMessage).url === 'string';
}
