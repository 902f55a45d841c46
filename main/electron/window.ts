/** The main window: secure web preferences, navigation locked to the app, size remembered. */
import { BrowserWindow, type WebContents } from 'electron';
import { APP_ENTRY, isAppUrl } from '../window/securityPolicy';
import { loadWindowState, saveWindowState } from '../window/windowState';

export function createMainWindow(preloadPath: string, stateFile: string): BrowserWindow {
  const state = loadWindowState(stateFile);
  const window = new BrowserWindow({
    width: state.width,
    height: state.height,
    ...(state.x !== undefined && state.y !== undefined ? { x: state.x, y: state.y } : {}),
    minWidth: 640,
    minHeight: 480,
    title: 'Multimedia drivers',
    show: false,
    autoHideMenuBar: true,
    // Written out here, not built by a function, so that Electronegativity (run by the test suite) can read them.
    webPreferences: {
      preload: preloadPath,
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      experimentalFeatures: false,
      // A middle click on a link would otherwise ask for a new window.
      disableBlinkFeatures: 'Auxclick',
      spellcheck: false,
    },
  });
  if (state.maximized) window.maximize();
  lockNavigation(window.webContents);
  window.once('ready-to-show', () => window.show());
  window.on('close', () => {
    const bounds = window.getNormalBounds();
    saveWindowState(stateFile, { ...bounds, maximized: window.isMaximized() });
  });
  void window.loadURL(APP_ENTRY);
  return window;
}

/**
 * No navigation away from the app and no new windows. The panel shows no web
 * links, so nothing is handed to shell.openExternal either (a lint rule keeps it so).
 */
function lockNavigation(contents: WebContents): void {
  contents.on('will-navigate', (event, url) => {
    if (!isAppUrl(url)) event.preventDefault();
  });
  contents.on('will-redirect', (event, url) => {
    if (!isAppUrl(url)) event.preventDefault();
  });
  contents.setWindowOpenHandler(() => ({ action: 'deny' }));
  contents.on('will-attach-webview', (event) => event.preventDefault());
}
