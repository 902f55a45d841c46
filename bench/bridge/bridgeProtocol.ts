/**
 * The contract carried over a loopback socket, one JSON document per line.
 * Used where Electron's IPC cannot run: the Wine test bench and `dev:wine`,
 * whose callers live in Linux processes while the driver code runs under Wine.
 */
import type { Channel, EventName, EventOf, Reply } from '../../app/contract';
import type { ReportFormat } from '../../app/supportReport';

export interface BridgeHello {
  type: 'hello';
  token: string;
}

export interface BridgeRequest {
  type: 'request';
  id: number;
  channel: Channel;
  payload: unknown;
}

export type BridgeReply = { type: 'reply'; id: number; reply: Reply<Channel> };
export type BridgeEvent = { [E in EventName]: { type: 'event'; event: E; payload: EventOf<E> } }[EventName];

/** What the host writes to its ready file once it listens. */
export interface BridgeReady {
  port: number;
  token: string;
  pid: number;
}

/**
 * A native dialog the host stands in for, put to the process that started it
 * (dev:wine asks the person on its console): Add driver…'s open dialog, Export
 * report…'s save dialog, and Open file location, which only tells.
 */
export type DialogQuestion = { kind: 'open' } | { kind: 'save'; suggestedName: string; format: ReportFormat } | { kind: 'show'; path: string };

export interface BridgeQuestion {
  type: 'question';
  id: number;
  question: DialogQuestion;
}

/** The path the person chose, or null when they cancelled. */
export interface BridgeAnswer {
  type: 'answer';
  id: number;
  path: string | null;
}
