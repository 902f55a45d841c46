/**
 * Runs calls into drivers in the driver host process, one at a time, with a
 * deadline each. A person's requests go before background probes. When the
 * host faults, exits or misses a deadline, the call in flight fails with what
 * happened and where, the host is ended, and the next call gets a fresh host.
 * Nothing else waits for a broken driver.
 */
import { describeExitCode } from '../../app/faults';
import type { CallStage } from '../../app/drivers';
import type { HostCallRequest, HostMessage } from '../host/hostProtocol';

/** A started host, whichever way it was started (child_process or Electron's utilityProcess). */
export interface HostProcess {
  send(request: HostCallRequest): void;
  /** Ends the host at once (TerminateProcess on Windows): a hung host cannot be asked. */
  kill(): void;
}

export interface HostEvents {
  onMessage(message: HostMessage): void;
  /** The host is gone: its exit code, or why it could not start. */
  onExit(exitCode: number | null, error?: string): void;
}

/** Starts a host; `events` are delivered asynchronously, never during the call itself. */
export type HostLauncher = (events: HostEvents) => HostProcess;

export type Priority = 'interactive' | 'background';

export interface CallOptions {
  priority: Priority;
  /** How long the driver may take once the host has the request; null waits for as long as it takes. */
  deadlineMs: number | null;
  /** Run in a host that has called no other driver, so that a fault in it can only be this driver's. */
  freshHost?: boolean;
  /** Asked when the call's turn comes; false drops it unrun (the driver was quarantined meanwhile, say). */
  stillWanted?: () => boolean;
}

export type DriverCall = Omit<HostCallRequest, 'id'>;

/**
 * How a call ended. A crash or a hang in a host that had called other drivers
 * before (`hostWasFresh` false) may be an earlier driver's doing: a thread it
 * left behind, a lock it still holds.
 */
export type CallResult =
  | { ok: true; raw: bigint; loadedPath: string | null; durationMs: number }
  | { ok: false; failure: 'open-failed'; durationMs: number }
  | { ok: false; failure: 'crashed'; stage: CallStage; exitCode: number | null; hostWasFresh: boolean; durationMs: number }
  | { ok: false; failure: 'not-responding'; stage: CallStage; hostWasFresh: boolean; durationMs: number }
  /** `stage` is null when the person stopped waiting before the call had its turn. */
  | { ok: false; failure: 'stopped-waiting'; stage: CallStage | null; durationMs: number }
  | { ok: false; failure: 'skipped'; durationMs: number }
  | { ok: false; failure: 'host-failed'; message: string; durationMs: number };

/** A host that does not say it is ready within this time is treated as broken. */
const HOST_START_DEADLINE_MS = 20_000;

interface Queued {
  request: HostCallRequest;
  options: CallOptions;
  resolve(result: CallResult): void;
}

interface InFlight extends Queued {
  host: RunningHost;
  stage: CallStage;
  sentAt: number | null;
  /** Whether this is the first call the host makes. */
  fresh: boolean;
  timer: NodeJS.Timeout | null;
}

interface RunningHost {
  process: HostProcess;
  ready: boolean;
  /** Calls sent to this host so far. */
  served: number;
  startTimer: NodeJS.Timeout | null;
}

export class HostSupervisor {
  private host: RunningHost | null = null;
  private readonly queues: Record<Priority, Queued[]> = { interactive: [], background: [] };
  private inFlight: InFlight | null = null;
  private nextId = 1;
  private closed = false;

  constructor(private readonly launch: HostLauncher) {}

  call(call: DriverCall, options: CallOptions): Promise<CallResult> {
    if (this.closed) return Promise.resolve(hostFailed('The panel is closing; the driver was not called.', 0));
    return new Promise((resolve) => {
      this.queues[options.priority].push({ request: { ...call, id: this.nextId++ }, options, resolve });
      this.pump();
    });
  }

  /**
   * A person gives up on their calls for `alias`: one still queued is dropped,
   * the one in flight (a dialog that never comes back) ends with its host.
   */
  stopWaiting(alias: string): boolean {
    const key = alias.toLowerCase();
    const mine = (q: Queued): boolean => q.request.alias.toLowerCase() === key;
    const queued = this.queues.interactive.filter(mine);
    this.queues.interactive = this.queues.interactive.filter((q) => !mine(q));
    for (const q of queued) q.resolve({ ok: false, failure: 'stopped-waiting', stage: null, durationMs: 0 });
    const current = this.inFlight;
    const running = current !== null && current.options.priority === 'interactive' && mine(current);
    if (running) this.abandon(current, 'stopped-waiting');
    return running || queued.length > 0;
  }

  /** Ends the host and fails everything queued; returns at once, even while a driver hangs. */
  close(): void {
    this.closed = true;
    const queued = [...this.queues.interactive, ...this.queues.background];
    this.queues.interactive = [];
    this.queues.background = [];
    const current = this.inFlight;
    this.inFlight = null;
    if (current?.timer) clearTimeout(current.timer);
    this.endHost();
    const closing = 'The panel closed before this driver call ran to the end.';
    for (const q of [...(current ? [current] : []), ...queued]) q.resolve(hostFailed(closing, elapsed(current?.sentAt ?? null)));
  }

  private pump(): void {
    if (this.inFlight || this.closed) return;
    const next = this.takeNext();
    if (!next) return;
    if (next.options.freshHost && (this.host?.served ?? 0) > 0) this.endHost();
    let host: RunningHost;
    try {
      host = this.host ?? this.startHost();
    } catch (error) {
      next.resolve(hostFailed(`The driver host could not start: ${error instanceof Error ? error.message : String(error)}.`, 0));
      this.pump();
      return;
    }
    this.inFlight = { ...next, host, stage: 'open', sentAt: null, fresh: false, timer: null };
    if (host.ready) this.dispatch(this.inFlight);
  }

  /** The next call that is still wanted; the others end as skipped. */
  private takeNext(): Queued | undefined {
    for (;;) {
      const next = this.queues.interactive.shift() ?? this.queues.background.shift();
      if (!next || next.options.stillWanted?.() !== false) return next;
      next.resolve({ ok: false, failure: 'skipped', durationMs: 0 });
    }
  }

  private startHost(): RunningHost {
    const running: RunningHost = {
      process: this.launch({
        onMessage: (message) => this.receive(running, message),
        onExit: (code, error) => this.hostExited(running, code, error),
      }),
      ready: false,
      served: 0,
      startTimer: setTimeout(() => this.hostExited(running, null, 'it did not start in time'), HOST_START_DEADLINE_MS),
    };
    this.host = running;
    return running;
  }

  private dispatch(current: InFlight): void {
    current.sentAt = performance.now();
    current.fresh = current.host.served === 0;
    current.host.served++;
    const { deadlineMs } = current.options;
    if (deadlineMs !== null) current.timer = setTimeout(() => this.abandon(current, 'not-responding'), deadlineMs);
    current.host.process.send(current.request);
  }

  private receive(host: RunningHost, message: HostMessage): void {
    if (host !== this.host) return;
    if (message.type === 'ready') {
      host.ready = true;
      if (host.startTimer) clearTimeout(host.startTimer);
      if (this.inFlight?.host === host && this.inFlight.sentAt === null) this.dispatch(this.inFlight);
      return;
    }
    const current = this.inFlight;
    if (!current || current.request.id !== message.id) return;
    if (message.type === 'stage') {
      current.stage = message.stage;
      return;
    }
    const durationMs = elapsed(current.sentAt);
    if (message.type === 'error') {
      this.finish(current, hostFailed(`The driver host failed: ${message.message}`, durationMs));
      return;
    }
    const { outcome } = message;
    this.finish(
      current,
      outcome.ok
        ? { ok: true, raw: BigInt(outcome.raw), loadedPath: outcome.loadedPath, durationMs: outcome.durationMs }
        : { ok: false, failure: 'open-failed', durationMs: outcome.durationMs },
    );
  }

  private hostExited(host: RunningHost, exitCode: number | null, error?: string): void {
    if (host !== this.host) return;
    this.host = null;
    if (host.startTimer) clearTimeout(host.startTimer);
    const current = this.inFlight;
    if (current?.host !== host) return;
    if (current.sentAt === null || error !== undefined) {
      host.process.kill();
      const why = error ?? `it ended with exit code ${describeExitCode(exitCode)}`;
      this.finish(current, hostFailed(`The driver host could not start: ${why}.`, 0));
      return;
    }
    this.finish(current, {
      ok: false,
      failure: 'crashed',
      stage: current.stage,
      exitCode: exitCode === null ? null : exitCode >>> 0,
      hostWasFresh: current.fresh,
      durationMs: elapsed(current.sentAt),
    });
  }

  /** Ends the host under a call that is still running, and fails the call with `failure`. */
  private abandon(current: InFlight, failure: 'not-responding' | 'stopped-waiting'): void {
    if (this.inFlight !== current) return;
    if (this.host === current.host) this.endHost();
    const durationMs = elapsed(current.sentAt);
    this.finish(
      current,
      failure === 'not-responding'
        ? { ok: false, failure, stage: current.stage, hostWasFresh: current.fresh, durationMs }
        : { ok: false, failure, stage: current.stage, durationMs },
    );
  }

  private endHost(): void {
    const host = this.host;
    this.host = null;
    if (!host) return;
    if (host.startTimer) clearTimeout(host.startTimer);
    host.process.kill();
  }

  private finish(current: InFlight, result: CallResult): void {
    if (current.timer) clearTimeout(current.timer);
    if (this.inFlight === current) this.inFlight = null;
    current.resolve(result);
    this.pump();
  }
}

function hostFailed(message: string, durationMs: number): CallResult {
  return { ok: false, failure: 'host-failed', message, durationMs };
}

function elapsed(since: number | null): number {
  return since === null ? 0 : performance.now() - since;
}
