/** Messages between the driver service and the one thread that calls into drivers. */

/** lParam2 is either an integer or "a DRVCONFIGINFO for this section and the alias". */
export type CallParam = { kind: 'integer'; value: bigint } | { kind: 'config-info'; section: string };

export interface DriverCallRequest {
  type: 'call';
  id: number;
  alias: string;
  message: number;
  lParam1: bigint;
  lParam2: CallParam;
}

export interface OwnerWindowRequest {
  type: 'owner-window';
  id: number;
  title: string;
}

export type ThreadRequest = DriverCallRequest | OwnerWindowRequest;

/** How one OpenDriver → SendDriverMessage → CloseDriver round went. */
export type DriverCallOutcome =
  | { ok: true; raw: bigint; loadedPath: string | null; durationMs: number }
  | { ok: false; reason: 'open-failed'; durationMs: number };

export type ThreadReply =
  | { type: 'call'; id: number; outcome: DriverCallOutcome }
  | { type: 'owner-window'; id: number; handle: bigint | null }
  | { type: 'error'; id: number; message: string };
