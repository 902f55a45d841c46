/**
 * Starts the driver host as an Electron utility process: Electron's own way to
 * run Node code out of the main process, ended with the app.
 */
import { utilityProcess } from 'electron';
import { hostScriptPath, hostWorkingDirectory } from './drivers/hostPaths';
import type { HostLauncher } from './drivers/hostSupervisor';
import type { HostMessage } from './host/hostProtocol';
import { STAGE_BOARD_VARIABLE, StageBoard } from './host/stageBoard';

export function utilityProcessHost(script = hostScriptPath()): HostLauncher {
  return (events) => {
    const { name, board } = StageBoard.create();
    const child = utilityProcess.fork(script, [], {
      serviceName: 'Multimedia drivers host',
      cwd: hostWorkingDirectory(),
      env: { ...process.env, [STAGE_BOARD_VARIABLE]: name },
      stdio: ['ignore', 'ignore', 'inherit'],
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
      position: () => board.read(),
      requestYield: () => board.requestYield(),
      clearYield: () => board.clearYield(),
      dispose: () => board.close(),
    };
  };
}
