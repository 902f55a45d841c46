/**
 * The host's line to its supervisor. In the app the host is an Electron
 * utility process and talks through `process.parentPort`; in the CLI and the
 * Linux bench it is a child_process.fork() child and talks through
 * `process.send`. Both carry the same JSON messages.
 */
import type { HostBatch, HostMessage } from '../hostProtocol';

interface ParentPort {
  on(event: 'message', listener: (event: { data: unknown }) => void): void;
  postMessage(message: unknown): void;
}

interface HostChannel {
  post(message: HostMessage): void;
  onBatch(handler: (batch: HostBatch) => void): void;
}

export function connectToSupervisor(): HostChannel {
  const parentPort = (process as { parentPort?: ParentPort }).parentPort;
  if (parentPort) {
    return {
      post: (message) => parentPort.postMessage(message),
      onBatch: (handler) => parentPort.on('message', (event) => handler(event.data as HostBatch)),
    };
  }
  const send = process.send?.bind(process);
  if (!send) throw new Error('The driver host must be started by its supervisor (no IPC channel).');
  // Without its supervisor the host has no one to answer: it ends with it.
  process.on('disconnect', () => process.exit(0));
  return {
    post: (message) => send(message),
    onBatch: (handler) => process.on('message', (batch) => handler(batch as HostBatch)),
  };
}
