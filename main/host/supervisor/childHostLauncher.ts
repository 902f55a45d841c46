/**
 * Starts the 64-bit driver host with child_process.fork, with the same Node:
 * for the CLI and the Linux bench (the app uses Electron's utilityProcess; the
 * 32-bit host has a launcher of its own, pipeHostLauncher.ts).
 */
import { fork } from 'node:child_process';
import type { HostMessage } from '../hostProtocol';
import { STAGE_BOARD_VARIABLE } from '../stageBoard';
import { hostScriptPath, hostWorkingDirectory } from './hostPaths';
import type { HostLauncher } from './hostSupervisor';

export function childProcessHost(script = hostScriptPath()): HostLauncher {
  return (events, boardName) => {
    const child = fork(script, [], {
      cwd: hostWorkingDirectory(),
      env: { ...process.env, [STAGE_BOARD_VARIABLE]: boardName },
      // What the host and its drivers write is read, attributed and bounded (hostOutput.ts), never passed on raw.
      stdio: ['ignore', 'pipe', 'pipe', 'ipc'],
      serialization: 'json',
      windowsHide: true,
    });
    let gone = false;
    const exited = (code: number | null, error?: string): void => {
      if (gone) return;
      gone = true;
      events.onExit(code, error);
    };
    child.on('message', (message) => events.onMessage(message as HostMessage));
    child.on('exit', (code) => exited(code));
    child.on('error', (error) => exited(null, error.message));
    return {
      // A host that died mid-send is reported by its exit event, not here.
      send: (batch) => {
        if (child.connected) child.send(batch, () => undefined);
      },
      kill: () => {
        child.kill();
      },
      output: [child.stdout, child.stderr].filter((stream) => stream !== null),
    };
  };
}
