/**
 * Exposes exactly the contract to the sandboxed renderer: one method per
 * channel and an event subscription, never `ipcRenderer` itself.
 */
import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron';
import type { Reply } from '../app/contract';
import { eventNames, type Channel, type EventName } from '../app/contractNames';
import { PANEL_API_GLOBAL, createPanelApi } from '../app/panelApi';

const api = createPanelApi({
  invoke: (channel: Channel, request: unknown) => ipcRenderer.invoke(channel, request) as Promise<Reply<Channel>>,
  subscribe: (event: EventName, listener: (payload: unknown) => void) => {
    if (!eventNames.includes(event)) throw new Error(`Unknown event ${event}`);
    const handler = (_event: IpcRendererEvent, payload: unknown): void => listener(payload);
    ipcRenderer.on(event, handler);
    return () => ipcRenderer.removeListener(event, handler);
  },
});

contextBridge.exposeInMainWorld(PANEL_API_GLOBAL, api);
