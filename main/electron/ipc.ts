/**
 * The only user of ipcMain: one handler per contract channel, each refusing any
 * sender but the main window's own app page, each validating its request.
 */
import { ipcMain, type BrowserWindow } from 'electron';
import { channels, type EventName, type EventOf } from '../../app/contract';
import { dispatch, type Handlers } from '../contract/contractHandlers';
import { isFromPanelFrame } from '../window/securityPolicy';

export function registerIpc(handlers: Handlers, window: () => BrowserWindow | null): void {
  for (const channel of channels) {
    ipcMain.handle(channel, (event, payload: unknown) => {
      const current = window();
      if (!current || !isFromPanelFrame(event, current)) {
        return { ok: false, error: { code: 'invalid-request', message: 'Request refused: it did not come from the panel window.' } };
      }
      return dispatch(handlers, channel, payload);
    });
  }
}

export function sendEvent<E extends EventName>(window: BrowserWindow | null, event: E, payload: EventOf<E>): void {
  if (window && !window.isDestroyed()) window.webContents.send(event, payload);
}
