/**
 * Starts the 32-bit driver host: the x86 build of Node, spawned with its
 * messages on a named pipe (../hostPipe.ts says why not Node's IPC channel).
 * Its stdout and stderr are piped as a 64-bit host's are; of the 32-bit
 * runtime's C file descriptors only 2 survives the crossing, and it arrives
 * on the stdout pipe, while a driver's WriteFile to its standard handles
 * arrives where it was meant to.
 */
import { spawn } from 'node:child_process';
import { randomBytes, timingSafeEqual } from 'node:crypto';
import { createServer, type Socket } from 'node:net';
import type { HostBatch, HostMessage } from '../hostProtocol';
import { HOST_PIPE_VARIABLE, HOST_TOKEN_VARIABLE, lineSplitter, messageLine } from '../hostPipe';
import { STAGE_BOARD_VARIABLE } from '../stageBoard';
import { hostScriptPath, hostWorkingDirectory, x86NodePath } from './hostPaths';
import type { HostEvents, HostLauncher, HostProcess } from './hostSupervisor';

/** The 32-bit host, whatever process supervises it. */
export function x86ProcessHost(script = hostScriptPath(), execPath = x86NodePath()): HostLauncher {
  return (events, boardName) => pipeHost(events, boardName, script, execPath);
}

function pipeHost(events: HostEvents, boardName: string, script: string, execPath: string): HostProcess {
  const pipeName = `\\\\.\\pipe\\MultimediaDriversPanel.host.${randomBytes(16).toString('hex')}`;
  const token = randomBytes(32).toString('hex');
  let host: Socket | null = null;
  let queued: HostBatch[] = [];
  let gone = false;
  const exited = (code: number | null, error?: string): void => {
    if (gone) return;
    gone = true;
    server.close();
    host?.destroy();
    events.onExit(code, error);
  };
  const server = createServer((socket) => {
    const firstLine = lineSplitter((line) => {
      if (host === socket) {
        events.onMessage(JSON.parse(line) as HostMessage);
      } else if (host === null && sameSecret(line, token)) {
        host = socket;
        // One host per pipe: nothing else connects once it has.
        server.close();
        for (const batch of queued) socket.write(messageLine(batch));
        queued = [];
      } else {
        socket.destroy();
      }
    });
    socket.on('data', firstLine);
    socket.on('error', () => socket.destroy());
  });
  server.on('error', (error) => exited(null, `its pipe could not be made: ${error.message}`));
  server.listen(pipeName);
  const child = spawn(execPath, [script], {
    cwd: hostWorkingDirectory(),
    env: { ...process.env, [STAGE_BOARD_VARIABLE]: boardName, [HOST_PIPE_VARIABLE]: pipeName, [HOST_TOKEN_VARIABLE]: token },
    stdio: ['ignore', 'pipe', 'pipe'],
    windowsHide: true,
  });
  child.on('exit', (code) => exited(code));
  child.on('error', (error) => exited(null, error.message));
  return {
    send: (batch) => {
      if (gone) return;
      if (host) host.write(messageLine(batch));
      else queued.push(batch);
    },
    kill: () => {
      child.kill();
    },
    output: [child.stdout, child.stderr],
  };
}

function sameSecret(line: string, token: string): boolean {
  const [given, wanted] = [Buffer.from(line), Buffer.from(token)];
  return given.length === wanted.length && timingSafeEqual(given, wanted);
}
