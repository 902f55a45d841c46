/**
 * Starts the 32-bit driver host: the x86 build of Node, spawned with its
 * messages, stdout and stderr on named pipes (../hostPipe.ts says why not
 * Node's IPC channel and stdio). The child's own stdout and stderr pipes are
 * read too: of the 32-bit runtime's C file descriptors only 2 survives the
 * crossing (it arrives on the stdout pipe), which is where Node itself would
 * say why it could not start.
 */
import { spawn } from 'node:child_process';
import { randomBytes, timingSafeEqual } from 'node:crypto';
import { createServer, type Server, type Socket } from 'node:net';
import { PassThrough } from 'node:stream';
import type { HostBatch, HostMessage } from '../hostProtocol';
import { HOST_PIPE_VARIABLE, HOST_TOKEN_VARIABLE, lineSplitter, messageLine, outputPipeNames } from '../hostPipe';
import { STAGE_BOARD_VARIABLE } from '../stageBoard';
import { hostScriptPath, hostWorkingDirectory, missingRuntime, x86NodePath } from './hostPaths';
import type { HostEvents, HostLauncher, HostProcess } from './hostSupervisor';

/** The 32-bit host, whatever process supervises it. */
export function x86ProcessHost(script = hostScriptPath(), execPath = x86NodePath()): HostLauncher {
  return (events, boardName) => pipeHost(events, boardName, script, execPath);
}

function pipeHost(events: HostEvents, boardName: string, script: string, execPath: string): HostProcess {
  const missing = missingRuntime(execPath);
  if (missing) {
    setImmediate(() => events.onExit(null, missing));
    return { send: () => undefined, kill: () => undefined, output: [] };
  }
  const channelName = `\\\\.\\pipe\\MultimediaDriversPanel.host.${randomBytes(16).toString('hex')}`;
  const token = randomBytes(32).toString('hex');
  let channel: Socket | null = null;
  let queued: HostBatch[] = [];
  let gone = false;
  const servers: Server[] = [];
  const accepted: Socket[] = [];
  const exited = (code: number | null, error?: string): void => {
    if (gone) return;
    gone = true;
    for (const server of servers) server.close();
    for (const socket of accepted) socket.destroy();
    events.onExit(code, error);
  };
  const listen = (name: string, onHost: (socket: Socket, rest: Buffer) => void): void => {
    const server = acceptHost(name, token, (socket, rest) => {
      accepted.push(socket);
      onHost(socket, rest);
    });
    server.on('error', (error) => exited(null, `its pipe could not be made: ${error.message}`));
    servers.push(server);
  };

  listen(channelName, (socket, rest) => {
    channel = socket;
    const onLine = lineSplitter((line) => events.onMessage(JSON.parse(line) as HostMessage));
    onLine(rest);
    socket.on('data', onLine);
    for (const batch of queued) socket.write(messageLine(batch));
    queued = [];
  });
  const output = outputPipeNames(channelName);
  const streams = [output.stdout, output.stderr].map((name) => {
    const stream = new PassThrough();
    listen(name, (socket, rest) => {
      stream.write(rest);
      socket.pipe(stream);
    });
    return stream;
  });

  const child = spawn(execPath, [script], {
    cwd: hostWorkingDirectory(),
    env: { ...process.env, [STAGE_BOARD_VARIABLE]: boardName, [HOST_PIPE_VARIABLE]: channelName, [HOST_TOKEN_VARIABLE]: token },
    stdio: ['ignore', 'pipe', 'pipe'],
    windowsHide: true,
  });
  child.on('exit', (code) => exited(code));
  child.on('error', (error) => exited(null, error.message));
  return {
    send: (batch) => {
      if (gone) return;
      if (channel) channel.write(messageLine(batch));
      else queued.push(batch);
    },
    kill: () => {
      child.kill();
    },
    output: [...streams, child.stdout, child.stderr],
  };
}

/**
 * A pipe server that hands over the first connection whose first line is the
 * secret (and what came after that line), and then takes no other: anything
 * else that connects is dropped unread.
 */
function acceptHost(name: string, token: string, onHost: (socket: Socket, rest: Buffer) => void): Server {
  const wanted = Buffer.from(`${token}\n`);
  const server = createServer((socket) => {
    let received = Buffer.alloc(0);
    const untilSecret = (chunk: Buffer): void => {
      received = Buffer.concat([received, chunk]);
      if (received.length < wanted.length) return;
      socket.off('data', untilSecret);
      if (!timingSafeEqual(received.subarray(0, wanted.length), wanted)) {
        socket.destroy();
        return;
      }
      server.close();
      onHost(socket, received.subarray(wanted.length));
    };
    socket.on('data', untilSecret);
    socket.on('error', () => socket.destroy());
  });
  server.listen(name);
  return server;
}
