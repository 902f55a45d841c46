/**
 * `window.driversPanel` for the renderer in a plain browser: the same API the
 * preload builds on Electron IPC (createPanelApi), carried over HTTP to the
 * panel server, which relays it to the real handlers under Wine.
 */
import type { Channel, EventName, Reply } from '../../app/contract';
import { PANEL_API_GLOBAL, createPanelApi } from '../../app/panelApi';

const api = createPanelApi({
  async invoke(channel: Channel, request: unknown) {
    const response = await fetch(`/bridge/call/${channel}`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify(request),
    });
    return (await response.json()) as Reply<Channel>;
  },
  subscribe(event: EventName, listener: (payload: unknown) => void) {
    const source = new EventSource(`/bridge/events/${event}`);
    source.onmessage = (message: MessageEvent<string>) => listener(JSON.parse(message.data));
    return () => source.close();
  },
});

Object.defineProperty(window, PANEL_API_GLOBAL, { value: api });
