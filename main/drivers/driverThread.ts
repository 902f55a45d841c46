/**
 * The service's side of the driver thread: a queue that hands the worker one
 * request at a time. Actions a person asked for go before background probes.
 */
import { Worker } from 'node:worker_threads';
import { join, sep } from 'node:path';
import { DriverError } from './driverError';
import type { DriverCallOutcome, DriverCallRequest, ThreadReply, ThreadRequest } from './driverThreadProtocol';

type Priority = 'interactive' | 'background';
type Pending = { request: ThreadRequest; resolve: (reply: ThreadReply) => void; reject: (error: Error) => void };
type Omit2<T> = T extends unknown ? Omit<T, 'id'> : never;

export class DriverThread {
  private worker: Worker | null = null;
  private readonly queues: Record<Priority, Pending[]> = { interactive: [], background: [] };
  private inFlight: Pending | null = null;
  private nextId = 1;

  /** `workerPath` is the built driverWorker.js; it sits beside the bundle that uses it. */
  constructor(private readonly workerPath = unpackedPath(join(__dirname, 'driverWorker.js'))) {}

  async call(request: Omit<DriverCallRequest, 'id' | 'type'>, priority: Priority): Promise<DriverCallOutcome> {
    const reply = await this.enqueue({ type: 'call', ...request }, priority);
    if (reply.type !== 'call') throw unexpected(reply);
    return reply.outcome;
  }

  async ownerWindow(title: string): Promise<bigint | null> {
    const reply = await this.enqueue({ type: 'owner-window', title }, 'interactive');
    if (reply.type !== 'owner-window') throw unexpected(reply);
    return reply.handle;
  }

  /** Stops the thread; anything still queued fails with a clear message. */
  async close(): Promise<void> {
    const worker = this.worker;
    this.worker = null;
    this.failAll(new DriverError('driver-thread-failed', 'The driver thread was shut down before this request ran.'));
    if (worker) await worker.terminate();
  }

  private enqueue(request: Omit2<ThreadRequest>, priority: Priority): Promise<ThreadReply> {
    return new Promise((resolve, reject) => {
      this.queues[priority].push({ request: { ...request, id: this.nextId++ }, resolve, reject });
      this.pump();
    });
  }

  private pump(): void {
    if (this.inFlight) return;
    const next = this.queues.interactive.shift() ?? this.queues.background.shift();
    const worker = this.worker;
    if (!next) {
      // An idle thread must not keep the process alive: the CLI exits when its work is done.
      worker?.unref();
      return;
    }
    this.inFlight = next;
    const active = this.ensureWorker();
    active.ref();
    active.postMessage(next.request);
  }

  private ensureWorker(): Worker {
    if (this.worker) return this.worker;
    const worker = new Worker(this.workerPath);
    worker.on('message', (reply: ThreadReply) => this.settle(reply));
    worker.on('error', (error) => this.crash(`The driver thread failed: ${error.message}`));
    worker.on('exit', (code) => {
      if (this.worker === worker) this.crash(`The driver thread ended unexpectedly (exit code ${code}).`);
    });
    this.worker = worker;
    return worker;
  }

  private settle(reply: ThreadReply): void {
    const current = this.inFlight;
    this.inFlight = null;
    if (current && current.request.id === reply.id) {
      if (reply.type === 'error') current.reject(new DriverError('driver-thread-failed', reply.message));
      else current.resolve(reply);
    }
    this.pump();
  }

  private crash(message: string): void {
    this.worker = null;
    this.failAll(new DriverError('driver-thread-failed', message));
  }

  private failAll(error: Error): void {
    const all = [...(this.inFlight ? [this.inFlight] : []), ...this.queues.interactive, ...this.queues.background];
    this.inFlight = null;
    this.queues.interactive = [];
    this.queues.background = [];
    for (const pending of all) pending.reject(error);
  }
}

function unexpected(reply: ThreadReply): Error {
  return new DriverError('driver-thread-failed', `The driver thread answered an unexpected ${reply.type} reply.`);
}

/**
 * Worker threads cannot load scripts from inside an asar archive, so the
 * installer unpacks dist/main; inside the packaged app __dirname still names
 * the archive, and this maps it to the unpacked copy.
 */
export function unpackedPath(path: string): string {
  return path.replace(`${sep}app.asar${sep}`, `${sep}app.asar.unpacked${sep}`);
}
