/**
 * `window.driversPanel` for the renderer in a plain browser: the same API the
 * preload builds on Electron IPC (createPanelApi), carried over HTTP to the
 * panel server, which relays it to the real handlers under Wine.
 *
 * Events come over one Server-Sent Events stream. Requests wait until it is
 * open, so that no event caused by a request can be missed (Electron's IPC
 * has no such gap to close).
 */
import type { Channel, EventName, Reply } from '../../app/contract';
import { PANEL_API_GLOBAL, createPanelApi } from '../../app/panelApi';
import { TOKEN_HEADER, TOKEN_META } from './benchToken';

/** The per-run token the panel server wrote into the page: no other page can use the bridge. */
const token = document.querySelector<HTMLMetaElement>(`meta[name="${TOKEN_META}"]`)?.content ?? '';
const source = new EventSource(`/bridge/events?token=${encodeURIComponent(token)}`);
const opened = new Promise<void>((resolve) => source.addEventListener('open', () => resolve(), { once: true }));

const api = createPanelApi({
  async invoke(channel: Channel, request: unknown) {
    await opened;
    const response = await fetch(`/bridge/call/${channel}`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', [TOKEN_HEADER]: token },
      body: JSON.stringify(request),
    });
    return (await response.json()) as Reply<Channel>;
  },
  subscribe(event: EventName, listener: (payload: unknown) => void) {
    const handler = (message: MessageEvent<string>): void => listener(JSON.parse(message.data));
    source.addEventListener(event, handler);
    return () => source.removeEventListener(event, handler);
  },
});

Object.defineProperty(window, PANEL_API_GLOBAL, { value: api });
