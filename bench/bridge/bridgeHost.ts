/**
 * Entry point of the Windows process behind the Wine test bench and `dev:wine`:
 * the real driver service, with its handlers served on a loopback socket.
 * Under Wine a Windows process's stdout must not be a Linux pipe, so the host
 * announces itself through a ready file instead.
 *
 *   node bridgeHost.js --ready-file <path> [--port <n>] [--probe-timeout <ms>]
 *                      [--log-file <path> [--log-max-bytes <n>]] [--dialogs-dir <path> | --ask-dialogs]
 *
 * With --log-file it keeps the activity log as the app does; --dialogs-dir
 * holds the answers of the native dialogs it stands in for (benchDialogs.ts);
 * with --ask-dialogs it puts each dialog to its client instead (dev:wine).
 * --probe-timeout is the panel's own background deadline on the bench (a
 * driver that misses it is quarantined), shorter than the product's so that
 * suites with hanging drivers finish sooner.
 */
import { randomBytes } from 'node:crypto';
import { renameSync, writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import nodeLog from 'electron-log/node';
import { configureActivityLog, defaultLogLimits } from '../../main/service/activityLogFile';
import { createHandlers, forwardEvents } from '../../main/contract/contractHandlers';
import { DriverError } from '../../app/driverError';
import { processIsElevated } from '../../main/win32/elevation';
import { childProcessHost } from '../../main/host/supervisor/childHostLauncher';
import { x86ProcessHost } from '../../main/host/supervisor/pipeHostLauncher';
import { NATIVE_VIEW, WOW64_VIEW } from '../../app/views';
import { openDriverService } from '../../main/service/openDriverService';
import { restartWindows } from '../../main/win32/systemRestart';
import { askedDialogs, benchDialogs } from './benchDialogs';
import type { BridgeReady } from './bridgeProtocol';
import { BridgeServer } from './bridgeServer';
import { errorTrace } from '../../app/errorText';

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      'ready-file': { type: 'string' },
      port: { type: 'string', default: '0' },
      'probe-timeout': { type: 'string' },
      'log-file': { type: 'string' },
      'log-max-bytes': { type: 'string' },
      'dialogs-dir': { type: 'string' },
      'ask-dialogs': { type: 'boolean', default: false },
    },
  });
  const readyFile = values['ready-file'];
  if (!readyFile) throw new Error('--ready-file is required');
  if (values['ask-dialogs'] && values['dialogs-dir']) throw new Error('--ask-dialogs and --dialogs-dir name two answerers of the dialogs: give one');
  const probeTimeout = values['probe-timeout'];

  const service = await openDriverService({ [NATIVE_VIEW]: childProcessHost(), [WOW64_VIEW]: x86ProcessHost() }, { panelDeadlines: probeTimeout ? { background: Number(probeTimeout) } : {} });
  const logFile = values['log-file'];
  if (logFile) {
    const maxBytes = Number(values['log-max-bytes'] ?? defaultLogLimits.maxBytes);
    service.followActivity(configureActivityLog(nodeLog, { file: logFile, maxBytes, keep: defaultLogLimits.keep }));
  }
  const token = randomBytes(16).toString('hex');
  // The bridge has no window of its own: the driver host owns dialogs with a hidden window.
  const handlers = createHandlers(service, {
    parentWindow: async () => null,
    dialogEnded: () => undefined,
    restartWindows: async () => restartWindows(),
    elevated: processIsElevated(),
    restartAsAdministrator: async () => {
      throw new DriverError('restart-failed', 'The test bench cannot start itself again as administrator; start the bridge host with DRIVERS_PANEL_ASSUME_ELEVATION=elevated.');
    },
    // The server is made below, before any request can open a dialog.
    ...(values['ask-dialogs'] ? askedDialogs((question) => server.ask(question)) : benchDialogs(values['dialogs-dir'])),
  });
  const server = new BridgeServer(handlers, token);
  // The bridge serves the Linux process that started it; when that one goes, so does it, and its driver host.
  server.onIdle = () => void service.close().finally(() => process.exit(0));
  forwardEvents(service, (event, payload) => server.broadcast(event, payload));
  service.watchRegistrations();

  const port = await server.listen(Number(values.port));
  const ready: BridgeReady = { port, token, pid: process.pid };
  writeFileSync(`${readyFile}.tmp`, JSON.stringify(ready));
  renameSync(`${readyFile}.tmp`, readyFile);
}

main().catch((error: unknown) => {
  process.stderr.write(`bridge host failed: ${errorTrace(error)}\n`);
  process.exit(1);
});
