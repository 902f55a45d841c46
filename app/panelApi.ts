/**
 * The API the control panel's UI sees on `window.driversPanel`, generated from
 * the contract: one method per channel, plus a subscription to events. The
 * preload builds it on Electron IPC; the Linux browser bench builds the very
 * same object on HTTP, so the UI cannot tell the two apart.
 */
import type { EventOf, Reply, RequestOf } from './contract';
import { channels, type Channel, type EventName } from './contractNames';

export type PanelApi = { [C in Channel]: (request: RequestOf<C>) => Promise<Reply<C>> } & {
  /** Calls `listener` for every `event` until the returned function is called. */
  on<E extends EventName>(event: E, listener: (payload: EventOf<E>) => void): () => void;
};

export interface PanelTransport {
  invoke(channel: Channel, request: unknown): Promise<Reply<Channel>>;
  subscribe(event: EventName, listener: (payload: unknown) => void): () => void;
}

export function createPanelApi(transport: PanelTransport): PanelApi {
  const methods = Object.fromEntries(
    channels.map((channel) => [channel, (request: unknown) => transport.invoke(channel, request)]),
  ) as { [C in Channel]: (request: RequestOf<C>) => Promise<Reply<C>> };
  return {
    ...methods,
    on: (event, listener) => transport.subscribe(event, listener as (payload: unknown) => void),
  };
}

export const PANEL_API_GLOBAL = 'driversPanel';

declare global {
  interface Window {
    driversPanel: PanelApi;
  }
}
