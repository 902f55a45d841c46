/** A Linux-side client of the bridge host: the contract over a loopback socket. */
import { connect, type Socket } from 'node:net';
import { createInterface } from 'node:readline';
import type { Channel, EventName, EventOf, Reply, RequestOf } from '../../app/contract';
import type { BridgeEvent, BridgeHello, BridgeReply } from '../../main/bridge/bridgeProtocol';

export class BridgeClient {
  private nextId = 1;
  /** Every reply (`reply:<id>`) and event (`<event>:<alias or payload>`) in the order the host sent them. */
  readonly received: string[] = [];
  private readonly pending = new Map<number, (reply: Reply<Channel>) => void>();
  private readonly listeners = new Map<EventName, Set<(payload: unknown) => void>>();

  private constructor(private readonly socket: Socket) {
    createInterface({ input: socket }).on('line', (line) => this.receive(line));
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

  call<C extends Channel>(channel: C, request: RequestOf<C>): Promise<Reply<C>> {
    return this.callUnchecked(channel, request) as Promise<Reply<C>>;
  }

  /** The id the next request will carry, to find its reply in `received`. */
  peekNextId(): number {
    return this.nextId;
  }

  /** Sends any payload, as an untrusted renderer could. */
  callUnchecked(channel: string, payload: unknown): Promise<Reply<Channel>> {
    const id = this.nextId++;
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

  /** Collects events of one kind until `count` have arrived. */
  collect<E extends EventName>(event: E, count: number, timeoutMs = 30_000): Promise<Array<EventOf<E>>> {
    return new Promise((resolve, reject) => {
      const seen: Array<EventOf<E>> = [];
      if (count === 0) {
        resolve(seen);
        return;
      }
      const timer = setTimeout(() => {
        off();
        reject(new Error(`Only ${seen.length} of ${count} ${event} events arrived`));
      }, timeoutMs);
      const off = this.on(event, (payload) => {
        seen.push(payload);
        if (seen.length < count) return;
        clearTimeout(timer);
        off();
        resolve(seen);
      });
    });
  }

  close(): void {
    this.socket.destroy();
  }

  private receive(line: string): void {
    const message = JSON.parse(line) as BridgeReply | BridgeEvent;
    this.received.push(message.type === 'reply' ? `reply:${message.id}` : `${message.event}:${message.payload.alias}`);
    if (message.type === 'reply') {
      this.pending.get(message.id)?.(message.reply);
      this.pending.delete(message.id);
      return;
    }
    for (const listener of this.listeners.get(message.event) ?? []) listener(message.payload);
  }
}
