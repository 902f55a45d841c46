/** The service's side of the catalog worker: requests as promises, file details as a stream of batches. */
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import type { FileDetails, RegistryView } from '../../app/drivers';
import type { FileSignature } from '../../app/signatures';
import type { AliasLookup, CatalogReply, CatalogRequest, DetailsItem } from './catalogProtocol';
import { unpackedPath } from './childHostLauncher';
import type { RegistrationScan } from './driverScanner';

type Pending = { onReply(reply: CatalogReply): boolean; fail(error: Error): void };
type Unnumbered<T> = T extends unknown ? Omit<T, 'id'> : never;

export class CatalogReader {
  private worker: Worker | null = null;
  private readonly pending = new Map<number, Pending>();
  private nextId = 1;

  constructor(private readonly workerPath = unpackedPath(join(__dirname, 'catalogWorker.js'))) {}

  /**
   * Starts the worker ahead of the first request: a thread and its Win32
   * bindings take longer to load than the registrations take to read.
   */
  warmUp(): void {
    if (!this.worker) this.ensureWorker().unref();
  }

  async scan(): Promise<RegistrationScan> {
    const reply = await this.ask({ type: 'scan' });
    return (reply as Extract<CatalogReply, { type: 'scan' }>).scan;
  }

  async lookup(alias: string): Promise<AliasLookup> {
    const reply = await this.ask({ type: 'lookup', alias });
    return (reply as Extract<CatalogReply, { type: 'lookup' }>).lookup;
  }

  /** The other registrations of `view` that name the same driver file as `alias`. */
  async sharers(alias: string, view: RegistryView): Promise<string[]> {
    const reply = await this.ask({ type: 'sharers', alias, view });
    return (reply as Extract<CatalogReply, { type: 'sharers' }>).sharers;
  }

  /** Reads the details of `items`, then their files' signatures, handing each batch over as it arrives. */
  details(
    items: DetailsItem[],
    onBatch: (batch: Array<{ id: string; details: FileDetails }>) => void,
    onSignatures: (batch: Array<{ id: string; signature: FileSignature }>) => void,
  ): Promise<void> {
    return new Promise((resolve, reject) => {
      this.send({ type: 'details', items }, {
        onReply: (reply) => {
          if (reply.type === 'details') onBatch(reply.batch);
          else if (reply.type === 'signatures') onSignatures(reply.batch);
          else return settleError(reply, reject);
          if (reply.done) resolve();
          return reply.done;
        },
        fail: reject,
      });
    });
  }

  async close(): Promise<void> {
    const worker = this.worker;
    this.worker = null;
    this.failAll(new Error('The driver list was closed before this read finished.'));
    if (worker) await worker.terminate();
  }

  private ask(request: Unnumbered<CatalogRequest>): Promise<CatalogReply> {
    return new Promise((resolve, reject) => {
      this.send(request, {
        onReply: (reply) => (reply.type === 'error' ? settleError(reply, reject) : (resolve(reply), true)),
        fail: reject,
      });
    });
  }

  private send(request: Unnumbered<CatalogRequest>, pending: Pending): void {
    const id = this.nextId++;
    this.pending.set(id, pending);
    const worker = this.ensureWorker();
    worker.ref();
    worker.postMessage({ ...request, id });
  }

  private ensureWorker(): Worker {
    if (this.worker) return this.worker;
    const worker = new Worker(this.workerPath);
    worker.on('message', (reply: CatalogReply) => this.receive(reply));
    worker.on('error', (error) => this.crashed(worker, `The driver list could not be read: ${error.message}`));
    worker.on('exit', (code) => this.crashed(worker, `The driver list reader ended unexpectedly (exit code ${code}).`));
    this.worker = worker;
    return worker;
  }

  private receive(reply: CatalogReply): void {
    const pending = this.pending.get(reply.id);
    if (pending?.onReply(reply)) this.pending.delete(reply.id);
    // An idle worker must not keep the process alive: the CLI exits when its work is done.
    if (this.pending.size === 0) this.worker?.unref();
  }

  private crashed(worker: Worker, message: string): void {
    if (this.worker !== worker) return;
    this.worker = null;
    this.failAll(new Error(message));
  }

  private failAll(error: Error): void {
    const all = [...this.pending.values()];
    this.pending.clear();
    for (const pending of all) pending.fail(error);
  }
}

function settleError(reply: CatalogReply, reject: (error: Error) => void): true {
  reject(new Error(reply.type === 'error' ? reply.message : `unexpected ${reply.type} reply`));
  return true;
}
