/** The Electron main process: lifecycle only. The driver work lives in service/, host/ and catalog/. */
import { app, nativeTheme, session, type BrowserWindow } from 'electron';
import log from 'electron-log/main';
import { join } from 'node:path';
import { registerAppScheme, serveRenderer } from './appProtocol';
import { createHandlers, forwardEvents } from '../contract/contractHandlers';
import { configureActivityLog, defaultLogLimits } from '../service/activityLogFile';
import type { DriverService } from '../service/driverService';
import { openDriverService } from '../service/openDriverService';
import { DriverError } from '../../app/driverError';
import { processIsElevated } from '../win32/elevation';
import { registerIpc, sendEvent } from './ipc';
import { nativeDialogs } from './nativeDialogs';
import { permissionAllowed } from '../window/securityPolicy';
import { restartWindows } from '../win32/systemRestart';
import { utilityProcessHost } from './utilityHostLauncher';
import { x86ProcessHost } from '../host/supervisor/pipeHostLauncher';
import { NATIVE_VIEW, WOW64_VIEW } from '../../app/views';
import { runElevated } from '../win32/shell32';
import { createMainWindow } from './window';
import { bringToFront } from '../window/windowFocus';

registerAppScheme();

let mainWindow: BrowserWindow | null = null;
let service: DriverService | null = null;

/** The native HWND of the panel window, so a driver's dialog is modal to it. */
async function parentWindow(): Promise<bigint | null> {
  const handle = mainWindow?.getNativeWindowHandle();
  if (!handle) return null;
  return handle.length >= 8 ? handle.readBigUInt64LE(0) : BigInt(handle.readUInt32LE(0));
}

/**
 * `--probe-timeout=<seconds>` on the command line (e.g. in a shortcut) changes the background probe deadline;
 * one shorter than the panel's own gives up on slow drivers without quarantining them.
 */
function probeDeadline(): { background: number } | Record<string, never> {
  const seconds = Number(app.commandLine.getSwitchValue('probe-timeout'));
  return seconds > 0 ? { background: seconds * 1000 } : {};
}

/** Starts this app again through the UAC prompt and quits; refused if the person declines. */
async function restartAsAdministrator(): Promise<void> {
  const args = process.argv.slice(1).map((a) => `"${a.replaceAll('"', '')}"`).join(' ');
  // The elevated panel must get the single-instance lock, so this one lets go of it first.
  app.releaseSingleInstanceLock();
  if (!runElevated(process.execPath, args)) {
    app.requestSingleInstanceLock();
    throw new DriverError('restart-failed', 'Windows did not start the panel as administrator (the prompt was declined, or it failed).');
  }
  setImmediate(() => app.quit());
}

/** Only what permissionAllowed grants: no camera, no notifications, no reading the clipboard. */
function limitPermissions(): void {
  session.defaultSession.setPermissionRequestHandler((contents, permission, callback, details) =>
    callback(permissionAllowed(permission, details.requestingUrl || contents.getURL())),
  );
  session.defaultSession.setPermissionCheckHandler((_contents, permission, requestingOrigin) => permissionAllowed(permission, requestingOrigin));
}

async function startPanel(): Promise<void> {
  nativeTheme.themeSource = 'system';
  limitPermissions();
  const opened = await openDriverService({ [NATIVE_VIEW]: utilityProcessHost(), [WOW64_VIEW]: x86ProcessHost() }, { deadlines: probeDeadline() });
  service = opened;
  // %APPDATA%\Multimedia Drivers Panel\logs\main.log: each driver call and state change, one line each.
  opened.followActivity(configureActivityLog(log, { file: join(app.getPath('logs'), 'main.log'), ...defaultLogLimits }));
  forwardEvents(opened, (event, payload) => sendEvent(mainWindow, event, payload));
  opened.watchRegistrations();
  serveRenderer(join(__dirname, '..', 'renderer'));
  const context = {
    parentWindow,
    dialogEnded: () => mainWindow?.setEnabled(true),
    restartWindows: async () => restartWindows(),
    elevated: processIsElevated(),
    restartAsAdministrator,
    ...nativeDialogs(() => mainWindow),
  };
  registerIpc(createHandlers(opened, context), () => mainWindow);
  mainWindow = createMainWindow(join(__dirname, '..', 'preload', 'index.js'), join(app.getPath('userData'), 'window-state.json'));
  mainWindow.on('closed', () => (mainWindow = null));
}

// Electron's single-instance pattern: a second start only brings the first one's window forward.
if (app.requestSingleInstanceLock()) {
  app.on('second-instance', () => bringToFront(mainWindow));
  app.on('window-all-closed', () => {
    // Ends the driver host at once, even while a driver hangs, so quitting never waits for a driver.
    void (service?.close() ?? Promise.resolve()).finally(() => app.quit());
  });
  void app.whenReady().then(startPanel);
} else {
  app.quit();
}
