/**
 * Serves the contract on 127.0.0.1. A client must first present the token from
 * the ready file, so that only the process that started the host can use it.
 */
import { createServer, type Server, type Socket } from 'node:net';
import type { EventName, EventOf } from '../../app/contract';
import { dispatch, type Handlers } from '../../main/contract/contractHandlers';
import { readBoundedLines } from './boundedLines';
import type { BridgeQuestion, BridgeReply, BridgeRequest, DialogQuestion } from './bridgeProtocol';

/** A hello is a token; a request is an alias and a few numbers. Anything longer is not ours. */
export const MAX_HELLO_BYTES = 1024;
export const MAX_REQUEST_BYTES = 64 * 1024;

export class BridgeServer {
  private readonly clients = new Set<Socket>();
  private readonly server: Server;
  private nextQuestion = 1;
  private readonly questions = new Map<number, (path: string | null) => void>();
  /** Called when the last client disconnects: the host has no one left to serve. */
  onIdle: () => void = () => undefined;

  constructor(
    private readonly handlers: Handlers,
    private readonly token: string,
  ) {
    this.server = createServer((socket) => this.accept(socket));
  }

  listen(port: number): Promise<number> {
    return new Promise((resolve, reject) => {
      this.server.once('error', reject);
      this.server.listen(port, '127.0.0.1', () => {
        const address = this.server.address();
        resolve(typeof address === 'object' && address ? address.port : port);
      });
    });
  }

  broadcast<E extends EventName>(event: E, payload: EventOf<E>): void {
    const line = JSON.stringify({ type: 'event', event, payload });
    for (const client of this.clients) client.write(`${line}\n`);
  }

  /**
   * Puts a dialog to the clients and settles with the first answer; null (cancelled)
   * when no client is connected or the last one leaves without answering.
   */
  ask(question: DialogQuestion): Promise<string | null> {
    if (this.clients.size === 0) return Promise.resolve(null);
    const id = this.nextQuestion++;
    const line = JSON.stringify({ type: 'question', id, question } satisfies BridgeQuestion);
    return new Promise((resolve) => {
      this.questions.set(id, resolve);
      for (const client of this.clients) client.write(`${line}\n`);
    });
  }

  close(): Promise<void> {
    for (const client of this.clients) client.destroy();
    return new Promise((resolve) => this.server.close(() => resolve()));
  }

  private accept(socket: Socket): void {
    let authenticated = false;
    socket.on('error', () => socket.destroy());
    socket.on('close', () => {
      if (!this.clients.delete(socket) || this.clients.size > 0) return;
      this.cancelQuestions();
      this.onIdle();
    });
    const onLine = (line: string): void => {
      const message = parse(line);
      if (!authenticated) {
        authenticated = message?.type === 'hello' && message.token === this.token;
        if (!authenticated) socket.destroy();
        else this.clients.add(socket);
        return;
      }
      if (message?.type === 'request' && typeof message.id === 'number') void this.answer(socket, message as BridgeRequest);
      if (message?.type === 'answer') this.takeAnswer(message);
    };
    const limit = (): number => (authenticated ? MAX_REQUEST_BYTES : MAX_HELLO_BYTES);
    readBoundedLines(socket, limit, onLine, () => socket.destroy());
  }

  private takeAnswer({ id, path }: { id?: unknown; path?: unknown }): void {
    if (typeof id !== 'number' || (typeof path !== 'string' && path !== null)) return;
    const settle = this.questions.get(id);
    if (!settle) return;
    this.questions.delete(id);
    settle(path);
  }

  private cancelQuestions(): void {
    for (const settle of this.questions.values()) settle(null);
    this.questions.clear();
  }

  private async answer(socket: Socket, request: BridgeRequest): Promise<void> {
    const reply: BridgeReply = { type: 'reply', id: request.id, reply: await dispatch(this.handlers, request.channel, request.payload) };
    if (!socket.destroyed) socket.write(`${JSON.stringify(reply)}\n`);
  }
}

function parse(line: string): { type?: unknown; token?: unknown; id?: unknown; path?: unknown } | null {
  try {
    const value: unknown = JSON.parse(line);
    return typeof value === 'object' && value !== null ? value : null;
  } catch {
    return null;
  }
}
