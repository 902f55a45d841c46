/** A Linux-side client of the bridge host: the contract over a loopback socket. */
import { connect, type Socket } from 'node:net';
import { createInterface } from 'node:readline';
import type { Channel, EventName, EventOf, Reply, RequestOf } from '../../app/contract';
import type { DriverEntry } from '../../app/drivers';
import type { BridgeAnswer, BridgeEvent, BridgeHello, BridgeQuestion, BridgeReply, DialogQuestion } from '../../bench/bridge/bridgeProtocol';

/** Answers a dialog the host stands in for: the path chosen, or null for cancelled. */
export type DialogAnswerer = (question: DialogQuestion) => Promise<string | null>;

const hostGone: Reply<Channel> = { ok: false, error: { code: 'host-failed', message: 'The driver service has stopped; start the panel again.' } };

export class BridgeClient {
  private nextId = 1;
  /**
   * Every reply (`reply:<id>`), entry update (`entry:<alias>:<pending or settled>`) and new probe answer (`probe:<alias>`)
   * in the order the host sent them.
   */
  readonly received: string[] = [];
  /** The newest copy of every entry seen in a listing or an update, by id. */
  readonly entries = new Map<string, DriverEntry>();
  private readonly waiters = new Set<() => void>();
  private readonly pending = new Map<number, (reply: Reply<Channel>) => void>();
  private readonly listeners = new Map<EventName, Set<(payload: unknown) => void>>();
  private answerer: DialogAnswerer | null = null;

  private constructor(private readonly socket: Socket) {
    createInterface({ input: socket }).on('line', (line) => this.receive(line));
    // A host that is gone answers every call, open and future, with a typed failure, as the app's IPC would fail.
    socket.once('close', () => {
      for (const resolve of this.pending.values()) resolve(hostGone);
      this.pending.clear();
    });
  }

  static connect(port: number, token: string): Promise<BridgeClient> {
    return new Promise((resolve, reject) => {
      const socket = connect(port, '127.0.0.1', () => {
        const hello: BridgeHello = { type: 'hello', token };
        socket.write(`${JSON.stringify(hello)}\n`);
        resolve(new BridgeClient(socket));
      });
      socket.once('error', reject);
    });
  }

  async call<C extends Channel>(channel: C, request: RequestOf<C>): Promise<Reply<C>> {
    const reply = (await this.callUnchecked(channel, request)) as Reply<C>;
    if (channel === 'listDrivers' && reply.ok) this.track((reply as Reply<'listDrivers'> & { ok: true }).value.drivers);
    return reply;
  }

  /** The newest copy of the entry with this id. */
  entry(id: string): DriverEntry | undefined {
    return this.entries.get(id);
  }

  /** Resolves once `condition` holds, checking after every update from the host. */
  until(condition: () => boolean, what: string, timeoutMs = 30_000): Promise<void> {
    if (condition()) return Promise.resolve();
    return new Promise((resolve, reject) => {
      const check = (): void => {
        if (!condition()) return;
        clearTimeout(timer);
        this.waiters.delete(check);
        resolve();
      };
      const timer = setTimeout(() => {
        this.waiters.delete(check);
        reject(new Error(`Timed out waiting until ${what}`));
      }, timeoutMs);
      this.waiters.add(check);
    });
  }

  /** Resolves once nothing is pending for the entries with these ids. */
  settled(ids: Iterable<string>, timeoutMs?: number): Promise<void> {
    const wanted = [...ids];
    return this.until(() => wanted.every((id) => this.entries.get(id)?.pending === null), `${wanted.length} entries settled`, timeoutMs);
  }

  private track(entries: readonly DriverEntry[]): void {
    for (const entry of entries) {
      const known = this.entries.get(entry.id);
      if (!known || known.revision < entry.revision) this.entries.set(entry.id, entry);
    }
    for (const waiter of [...this.waiters]) waiter();
  }

  /** The id the next request will carry, to find its reply in `received`. */
  peekNextId(): number {
    return this.nextId;
  }

  /** Sends any payload, as an untrusted renderer could. */
  callUnchecked(channel: string, payload: unknown): Promise<Reply<Channel>> {
    const id = this.nextId++;
    if (this.socket.destroyed) return Promise.resolve(hostGone);
    return new Promise((resolve) => {
      this.pending.set(id, resolve);
      this.socket.write(`${JSON.stringify({ type: 'request', id, channel, payload })}\n`);
    });
  }

  /** Calls `listener` for every `event` until the returned function is called. */
  on<E extends EventName>(event: E, listener: (payload: EventOf<E>) => void): () => void {
    const listeners = this.listeners.get(event) ?? new Set();
    this.listeners.set(event, listeners);
    const untyped = listener as (payload: unknown) => void;
    listeners.add(untyped);
    return () => listeners.delete(untyped);
  }

  /** Answers the dialogs of a host started with --ask-dialogs; until it is called, each is cancelled. */
  answerDialogs(answerer: DialogAnswerer): void {
    this.answerer = answerer;
  }

  close(): void {
    this.socket.destroy();
  }

  private async answer({ id, question }: BridgeQuestion): Promise<void> {
    const path = this.answerer ? await this.answerer(question).catch(() => null) : null;
    const answer: BridgeAnswer = { type: 'answer', id, path };
    if (!this.socket.destroyed) this.socket.write(`${JSON.stringify(answer)}\n`);
  }

  private receive(line: string): void {
    const message = JSON.parse(line) as BridgeReply | BridgeEvent | BridgeQuestion;
    if (message.type === 'question') {
      void this.answer(message);
      return;
    }
    if (message.type === 'reply') {
      this.received.push(`reply:${message.id}`);
      this.pending.get(message.id)?.(message.reply);
      this.pending.delete(message.id);
      return;
    }
    if (message.event === 'driversUpdated') {
      for (const entry of message.payload) {
        this.received.push(`entry:${entry.alias}:${entry.pending ?? 'settled'}`);
        // An update also carries details and signatures: a probe's answer is one whose time is new.
        if (entry.probe && entry.probe.at !== this.entries.get(entry.id)?.probe?.at) this.received.push(`probe:${entry.alias}`);
      }
      this.track(message.payload);
    }
    for (const listener of this.listeners.get(message.event) ?? []) listener(message.payload);
  }
}
