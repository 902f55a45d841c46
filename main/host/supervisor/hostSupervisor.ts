/**
 * Runs calls into drivers in the driver host process, a batch at a time, each
 * call with its own deadline. A person's requests go before background probes
 * and run alone; background probes go in batches, as many as take about
 * BATCH_BUDGET_MS, so that the host's messages cost nothing beside the drivers'
 * own loading. A person's request that arrives during a batch has the host
 * stop after the call it is in (the rest goes back to the queue). When the
 * host faults, exits or misses a deadline, the call it was in (read from its
 * stage board) fails with what happened and where, the host is ended, the
 * calls of the batch that had not answered go back to the queue, and the next
 * batch gets a fresh host. Nothing else waits for a broken driver.
 */
import { EventEmitter } from 'node:events';
import { describeExitCode } from '../../../app/faults';
import type { CallStage, StructureFields } from '../../../app/drivers';
import type { CodecIdentity } from '../../../app/codecIdentity';
import type { HostBatch, HostCallRequest, HostMessage, HostReply } from '../hostProtocol';
import { StageBoard } from '../stageBoard';
import { relayOutput, type DriverOutput } from './hostOutput';
import { errorText } from '../../../app/errorText';

/** A started host, whichever way it was started (child_process or Electron's utilityProcess). */
export interface HostProcess {
  send(batch: HostBatch): void;
  /** Ends the host at once (TerminateProcess on Windows): a hung host cannot be asked. */
  kill(): void;
  /** Its stdout and stderr: what its drivers write there, and what it writes itself. */
  output: readonly NodeJS.ReadableStream[];
}

export interface HostEvents {
  onMessage(message: HostMessage): void;
  /** The host is gone: its exit code, or why it could not start. */
  onExit(exitCode: number | null, error?: string): void;
}

/**
 * Starts a host whose stage board is named `boardName` (it finds the name in
 * STAGE_BOARD_VARIABLE); `events` are delivered asynchronously, never during
 * the call itself.
 */
export type HostLauncher = (events: HostEvents, boardName: string) => HostProcess;

export type Priority = 'interactive' | 'background';

export interface CallOptions {
  priority: Priority;
  /** How long the driver may take once the host has started the call; null waits for as long as it takes. */
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
  | { ok: true; raw: bigint; loadedPath: string | null; durationMs: number; identity: CodecIdentity | null; structure: StructureFields | null }
  | { ok: false; failure: 'open-failed'; durationMs: number }
  /** `message`: which message the driver was in, when its host said (a codec's probe sends several); null: the call's own. */
  | { ok: false; failure: 'crashed'; stage: CallStage; message: number | null; exitCode: number | null; hostWasFresh: boolean; durationMs: number }
  | { ok: false; failure: 'not-responding'; stage: CallStage; message: number | null; hostWasFresh: boolean; durationMs: number }
  /** `stage` is null when the person stopped waiting before the call had its turn. */
  | { ok: false; failure: 'stopped-waiting'; stage: CallStage | null; message: number | null; durationMs: number }
  | { ok: false; failure: 'skipped'; durationMs: number }
  | { ok: false; failure: 'host-failed'; message: string; durationMs: number };

/** A host that does not say it is ready within this time is treated as broken. */
const HOST_START_DEADLINE_MS = 20_000;
/** How long a batch of background calls should take, going by the calls so far: what a person's request may wait. */
const BATCH_BUDGET_MS = 20;
const MAX_BATCH = 64;

interface Queued {
  request: HostCallRequest;
  options: CallOptions;
  resolve(result: CallResult): void;
}

interface Batch {
  host: RunningHost;
  calls: Queued[];
  /** Calls answered so far, by id. */
  answered: Set<number>;
  /** When the batch was sent (Date.now()), null while the host is starting. */
  sentAt: number | null;
  /** Calls the host had made before this batch. */
  servedBefore: number;
  timer: NodeJS.Timeout | null;
}

interface RunningHost {
  process: HostProcess;
  /** Where the host is; it stays readable after the host is gone, until closed. */
  board: StageBoard;
  ready: boolean;
  /** Calls sent to this host so far. */
  served: number;
  startTimer: NodeJS.Timeout | null;
}

/** The call a host was in, as its stage board tells. */
interface Place {
  call: Queued;
  index: number;
  stage: CallStage;
  message: number | null;
  since: number;
  /** The host's board named this call; else it is only the next one due (the host may still be starting). */
  named: boolean;
}

/** `output`: each line a host's drivers (or the host itself) wrote, as it ends. */
export class HostSupervisor extends EventEmitter<{ output: [DriverOutput] }> {
  private host: RunningHost | null = null;
  private readonly queues: Record<Priority, Queued[]> = { interactive: [], background: [] };
  private batch: Batch | null = null;
  private nextId = 1;
  private closed = false;
  /** A running average of how long a background call takes, which sizes the batches; a few calls go in the first. */
  private typicalCallMs = BATCH_BUDGET_MS / 4;

  constructor(private readonly launch: HostLauncher) {
    super();
  }

  call(call: DriverCall, options: CallOptions): Promise<CallResult> {
    if (this.closed) return Promise.resolve(hostFailed('The panel is closing; the driver was not called.', 0));
    return new Promise((resolve) => {
      this.queues[options.priority].push({ request: { ...call, id: this.nextId++ }, options, resolve });
      // A person's request does not wait for a whole batch of background probes.
      if (options.priority === 'interactive' && this.batch && this.batch.calls.length > 1) this.batch.host.board.requestYield();
      this.pump();
    });
  }

  /** Starts a host ahead of calls that are certain to come (a refresh probes every driver): it takes longer to start than a driver to load. */
  warmUp(): void {
    if (this.host || this.closed) return;
    try {
      this.startHost();
    } catch {
      // Seen under Wine now and then ("spawn UNKNOWN"): the first call starts the host again, and reports why if it fails again.
    }
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
    for (const q of queued) q.resolve({ ok: false, failure: 'stopped-waiting', stage: null, message: null, durationMs: 0 });
    const current = this.batch;
    const call = current?.calls[0];
    const running = current !== null && call !== undefined && call.options.priority === 'interactive' && mine(call);
    if (running) this.abandon(current, this.placeOf(current), 'stopped-waiting');
    return running || queued.length > 0;
  }

  /** Ends the host and fails everything queued; returns at once, even while a driver hangs. */
  close(): void {
    this.closed = true;
    const queued = [...this.queues.interactive, ...this.queues.background];
    this.queues.interactive = [];
    this.queues.background = [];
    const current = this.batch;
    this.batch = null;
    if (current?.timer) clearTimeout(current.timer);
    this.endHost();
    const closing = 'The panel closed before this driver call ran to the end.';
    const unanswered = current ? current.calls.filter((c) => !current.answered.has(c.request.id)) : [];
    for (const q of [...unanswered, ...queued]) q.resolve(hostFailed(closing, current?.sentAt ? Date.now() - current.sentAt : 0));
  }

  private pump(): void {
    if (this.batch || this.closed) return;
    const first = this.takeNext();
    if (!first) return;
    if (first.options.freshHost && (this.host?.served ?? 0) > 0) this.endHost();
    let host: RunningHost;
    try {
      host = this.host ?? this.startHost();
    } catch (error) {
      first.resolve(hostFailed(`The driver host could not start: ${errorText(error)}.`, 0));
      this.pump();
      return;
    }
    const calls = [first, ...this.takeCompanions(first)];
    this.batch = { host, calls, answered: new Set(), sentAt: null, servedBefore: host.served, timer: null };
    if (host.ready) this.dispatch(this.batch);
  }

  /** The next call that is still wanted; the others end as skipped. */
  private takeNext(): Queued | undefined {
    for (;;) {
      const next = this.queues.interactive.shift() ?? this.queues.background.shift();
      if (!next || next.options.stillWanted?.() !== false) return next;
      next.resolve({ ok: false, failure: 'skipped', durationMs: 0 });
    }
  }

  /** Background calls that may run in one batch with `first`: a person's requests, and calls that need a fresh host, run alone. */
  private takeCompanions(first: Queued): Queued[] {
    if (first.options.priority !== 'background' || first.options.freshHost) return [];
    const size = Math.max(1, Math.min(MAX_BATCH, Math.floor(BATCH_BUDGET_MS / Math.max(this.typicalCallMs, 0.1))));
    const companions: Queued[] = [];
    while (companions.length < size - 1) {
      const next = this.queues.background[0];
      if (!next || next.options.freshHost) break;
      this.queues.background.shift();
      if (next.options.stillWanted?.() === false) next.resolve({ ok: false, failure: 'skipped', durationMs: 0 });
      else companions.push(next);
    }
    return companions;
  }

  private startHost(): RunningHost {
    const { name, board } = StageBoard.create();
    const running: RunningHost = {
      board,
      process: this.launch(
        {
          onMessage: (message) => this.receive(running, message),
          onExit: (code, error) => this.hostExited(running, code, error),
        },
        name,
      ),
      ready: false,
      served: 0,
      startTimer: setTimeout(() => this.hostExited(running, null, 'it did not start in time'), HOST_START_DEADLINE_MS),
    };
    for (const stream of running.process.output) relayOutput(stream, name, (output) => this.emit('output', output));
    this.host = running;
    return running;
  }

  private dispatch(batch: Batch): void {
    batch.sentAt = Date.now();
    batch.servedBefore = batch.host.served;
    batch.host.served += batch.calls.length;
    batch.host.board.clearYield();
    if (this.queues.interactive.length > 0 && batch.calls.length > 1) batch.host.board.requestYield();
    batch.host.process.send({ type: 'calls', calls: batch.calls.map((c) => c.request) });
    this.watch(batch);
  }

  /** Checks the call the host is in against its deadline, now and again when it would run out. */
  private watch(batch: Batch): void {
    if (this.batch !== batch) return;
    const place = this.placeOf(batch);
    const deadline = place?.call.options.deadlineMs ?? null;
    if (!place || deadline === null) return;
    const left = place.since + deadline - Date.now();
    if (left <= 0) this.abandon(batch, place, 'not-responding');
    else batch.timer = setTimeout(() => this.watch(batch), left);
  }

  /**
   * The call the host is in: the one its board names while that call runs;
   * between calls, the next unanswered one, in its first stage, since the
   * last call ended (or since the batch was sent).
   */
  private placeOf(batch: Batch): Place | null {
    const position = batch.host.board.read();
    const index = position ? batch.calls.findIndex((c) => c.request.id === position.callId) : -1;
    const call = batch.calls[index];
    if (position && call && position.stage && !batch.answered.has(call.request.id)) {
      return { call, index, stage: position.stage, message: position.message, since: position.since, named: true };
    }
    const nextIndex = batch.calls.findIndex((c, i) => i > index && !batch.answered.has(c.request.id));
    const next = batch.calls[nextIndex];
    if (!next) return null;
    const since = position && index >= 0 ? position.since : (batch.sentAt ?? Date.now());
    return { call: next, index: nextIndex, stage: 'open', message: null, since, named: false };
  }

  private receive(host: RunningHost, message: HostMessage): void {
    if (host !== this.host) return;
    if (message.type === 'ready') {
      host.ready = true;
      if (host.startTimer) clearTimeout(host.startTimer);
      if (this.batch?.host === host && this.batch.sentAt === null) this.dispatch(this.batch);
      return;
    }
    const batch = this.batch;
    if (batch?.host !== host) return;
    for (const reply of message.replies) this.answer(batch, reply);
    const unrun = batch.calls.filter((c) => message.unrun?.includes(c.request.id) && !batch.answered.has(c.request.id));
    for (const call of unrun) batch.answered.add(call.request.id);
    this.queues.background.unshift(...unrun);
    if (batch.answered.size === batch.calls.length) this.finish(batch);
  }

  private answer(batch: Batch, reply: HostReply): void {
    const call = batch.calls.find((c) => c.request.id === reply.id);
    if (!call || batch.answered.has(reply.id)) return;
    batch.answered.add(reply.id);
    if ('error' in reply) {
      call.resolve(hostFailed(`The driver host failed: ${reply.error}`, 0));
      return;
    }
    const { outcome } = reply;
    if (call.options.priority === 'background') this.typicalCallMs = (this.typicalCallMs + outcome.durationMs) / 2;
    call.resolve(
      outcome.ok
        ? { ok: true, raw: BigInt(outcome.raw), loadedPath: outcome.loadedPath, durationMs: outcome.durationMs, identity: outcome.identity, structure: outcome.structure }
        : { ok: false, failure: 'open-failed', durationMs: outcome.durationMs },
    );
  }

  private hostExited(host: RunningHost, exitCode: number | null, error?: string): void {
    if (host !== this.host) return;
    this.host = null;
    if (host.startTimer) clearTimeout(host.startTimer);
    const batch = this.batch;
    if (batch?.host !== host) {
      host.board.close();
      return;
    }
    if (batch.sentAt === null || error !== undefined) {
      host.process.kill();
      host.board.close();
      const why = error ?? `it ended with exit code ${describeExitCode(exitCode)}`;
      this.settle(batch, null, hostFailed(`The driver host could not start: ${why}.`, 0));
      return;
    }
    const place = this.placeOf(batch);
    host.board.close();
    if (!place) {
      this.settle(batch, null, null);
      return;
    }
    this.settle(batch, place.call, {
      ok: false,
      failure: 'crashed',
      stage: place.stage,
      message: place.message,
      exitCode: exitCode === null ? null : exitCode >>> 0,
      hostWasFresh: batch.servedBefore + place.index === 0,
      durationMs: Date.now() - place.since,
    });
  }

  /** Ends the host under a call that is still running, and fails the call with `failure`. */
  private abandon(batch: Batch, place: Place | null, failure: 'not-responding' | 'stopped-waiting'): void {
    if (this.batch !== batch) return;
    if (this.host === batch.host) this.endHost();
    if (!place) {
      this.settle(batch, null, null);
      return;
    }
    const durationMs = Date.now() - place.since;
    this.settle(
      batch,
      place.call,
      failure === 'not-responding'
        ? { ok: false, failure, stage: place.stage, message: place.message, hostWasFresh: batch.servedBefore + place.index === 0, durationMs }
        : // A person who stops a call the host had not begun (it was starting, or between calls) stopped nothing of the driver's.
          { ok: false, failure, stage: place.named ? place.stage : null, message: place.message, durationMs },
    );
  }

  /**
   * Ends a batch whose host is gone: `failed` gets `result` (every unanswered
   * call does, when `failed` is null and `result` is not); the other
   * unanswered calls go back to the front of their queues, in order.
   */
  private settle(batch: Batch, failed: Queued | null, result: CallResult | null): void {
    const unanswered = batch.calls.filter((c) => !batch.answered.has(c.request.id));
    for (const call of unanswered) batch.answered.add(call.request.id);
    if (failed && result) failed.resolve(result);
    const again = unanswered.filter((c) => c !== failed);
    if (!failed && result) again.forEach((c) => c.resolve(result));
    else for (const call of [...again].reverse()) this.queues[call.options.priority].unshift(call);
    this.finish(batch);
  }

  private endHost(): void {
    const host = this.host;
    this.host = null;
    if (!host) return;
    if (host.startTimer) clearTimeout(host.startTimer);
    host.process.kill();
    host.board.close();
  }

  private finish(batch: Batch): void {
    if (batch.timer) clearTimeout(batch.timer);
    if (this.batch === batch) this.batch = null;
    this.pump();
  }
}

function hostFailed(message: string, durationMs: number): CallResult {
  return { ok: false, failure: 'host-failed', message, durationMs };
}
