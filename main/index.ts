/** The Electron main process: lifecycle only. The driver work lives in drivers/. */
import { app, nativeTheme, type BrowserWindow } from 'electron';
import log from 'electron-log/main';
import { join } from 'node:path';
import { registerAppScheme, serveRenderer } from './appProtocol';
import { createHandlers } from './contractHandlers';
import { DriverService, formatCallRecord } from './drivers/driverService';
import { HostSupervisor } from './drivers/hostSupervisor';
import { registerIpc, sendEvent } from './ipc';
import { utilityProcessHost } from './utilityHostLauncher';
import { createMainWindow } from './window';

registerAppScheme();
if (!app.requestSingleInstanceLock()) app.quit();

let mainWindow: BrowserWindow | null = null;
const service = new DriverService(new HostSupervisor(utilityProcessHost()));

service.on('call', (call) => log.info(formatCallRecord(call)));
service.on('probeOutcome', (outcome) => sendEvent(mainWindow, 'probeOutcome', outcome));
service.on('restartRequired', (requirement) => sendEvent(mainWindow, 'restartRequired', requirement));

/** The native HWND of the panel window, so a driver's dialog is modal to it. */
async function parentWindow(): Promise<bigint | null> {
  const handle = mainWindow?.getNativeWindowHandle();
  if (!handle) return null;
  return handle.length >= 8 ? handle.readBigUInt64LE(0) : BigInt(handle.readUInt32LE(0));
}

app.on('second-instance', () => {
  if (mainWindow?.isMinimized()) mainWindow.restore();
  mainWindow?.focus();
});

app.on('window-all-closed', () => {
  // Ends the driver host at once, even while a driver hangs, so quitting never waits for a driver.
  service.close();
  app.quit();
});

void app.whenReady().then(() => {
  nativeTheme.themeSource = 'system';
  serveRenderer(join(__dirname, '..', 'renderer'));
  registerIpc(createHandlers(service, { parentWindow }), () => mainWindow);
  mainWindow = createMainWindow(join(__dirname, '..', 'preload', 'index.js'), join(app.getPath('userData'), 'window-state.json'));
  mainWindow.on('closed', () => (mainWindow = null));
});
