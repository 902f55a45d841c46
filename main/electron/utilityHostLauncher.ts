/**
 * Starts the driver host as an Electron utility process: Electron's own way to
 * run Node code out of the main process, ended with the app.
 */
import { utilityProcess } from 'electron';
import { hostScriptPath, hostWorkingDirectory } from '../host/supervisor/hostPaths';
import type { HostLauncher } from '../host/supervisor/hostSupervisor';
import type { HostMessage } from '../host/hostProtocol';
import { STAGE_BOARD_VARIABLE } from '../host/stageBoard';

export function utilityProcessHost(script = hostScriptPath()): HostLauncher {
  return (events, boardName) => {
    const child = utilityProcess.fork(script, [], {
      serviceName: 'Multimedia drivers host',
      cwd: hostWorkingDirectory(),
      env: { ...process.env, [STAGE_BOARD_VARIABLE]: boardName },
      // What the host and its drivers write is read, attributed and bounded (hostOutput.ts), and goes to the log.
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    child.on('message', (message: unknown) => events.onMessage(message as HostMessage));
    child.on('exit', (code) => events.onExit(code));
    // A fatal V8 error in the host: it ends, and its exit event follows.
    child.on('error', () => undefined);
    return {
      send: (batch) => child.postMessage(batch),
      kill: () => {
        child.kill();
      },
      output: [child.stdout, child.stderr].filter((stream) => stream !== null),
    };
  };
}
