/**
 * The host's line to its supervisor. In the app the 64-bit host is an
 * Electron utility process and talks through `process.parentPort`; in the CLI
 * and the Linux bench it is a child_process.fork() child and talks through
 * `process.send`; the 32-bit host, started by a 64-bit process, has neither
 * and talks through the named pipe its supervisor made (hostPipe.ts). All
 * carry the same JSON messages.
 */
import { connect } from 'node:net';
import type { HostBatch, HostMessage } from '../hostProtocol';
import { HOST_PIPE_VARIABLE, HOST_TOKEN_VARIABLE, lineSplitter, messageLine, outputPipeNames } from '../hostPipe';
import { STD_ERROR_HANDLE, STD_OUTPUT_HANDLE, standardHandleToPipe } from '../../win32/kernel32';

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
  // The pipe only when there is no IPC channel: a 64-bit host never takes a pipe name from an environment it inherited.
  if (!send) return connectThroughPipe();
  // Without its supervisor the host has no one to answer: it ends with it.
  process.on('disconnect', () => process.exit(0));
  return {
    post: (message) => send(message),
    onBatch: (handler) => process.on('message', (batch) => handler(batch as HostBatch)),
  };
}

function connectThroughPipe(): HostChannel {
  const name = process.env[HOST_PIPE_VARIABLE];
  const token = process.env[HOST_TOKEN_VARIABLE];
  if (!name || !token) throw new Error('The driver host must be started by its supervisor (no IPC channel, no pipe).');
  // Programs a driver starts inherit the environment: the secret is not theirs.
  Reflect.deleteProperty(process.env, HOST_PIPE_VARIABLE);
  Reflect.deleteProperty(process.env, HOST_TOKEN_VARIABLE);
  // Before any driver is loaded: what drivers write to their standard handles must reach the supervisor.
  const output = outputPipeNames(name);
  standardHandleToPipe(STD_OUTPUT_HANDLE, output.stdout, token);
  standardHandleToPipe(STD_ERROR_HANDLE, output.stderr, token);
  const socket = connect(name);
  socket.write(`${token}\n`);
  // Without its supervisor the host has no one to answer: it ends with it.
  socket.on('close', () => process.exit(0));
  socket.on('error', () => process.exit(0));
  return {
    post: (message) => void socket.write(messageLine(message)),
    onBatch: (handler) => socket.on('data', lineSplitter((line) => handler(JSON.parse(line) as HostBatch))),
  };
}
