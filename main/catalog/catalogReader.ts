/**
 * The service's catalog: the registrations, read in place, and the file reads
 * (catalogReads.ts) as promises and a stream of batches: in the catalog
 * worker, or, for a caller with no window to keep responsive (the CLI), on the
 * calling thread.
 */
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import type { FileDetails } from '../../app/drivers';
import type { RegistryView } from '../../app/views';
import type { FileSignature } from '../../app/signatures';
import { lookupAlias, type AliasLookup } from './aliasLookup';
import type { CatalogReady, CatalogReply, CatalogRequest, DetailsItem } from './catalogProtocol';
import { unpackedPath } from '../win32/unpackedPaths';
import type { MergedRegistration } from './driverCatalog';
import { scanRegistrations, streamRegistrations, type RegistrationScan } from './driverScanner';

type Pending = { onReply(reply: CatalogReply): boolean; fail(error: Error): void };
type Unnumbered<T> = T extends unknown ? Omit<T, 'id'> : never;

export class CatalogReader {
  private worker: Worker | null = null;
  /** Settles when the worker has loaded its bindings, or has ended. */
  private started: Promise<void> = Promise.resolve();
  private readonly pending = new Map<number, Pending>();
  private nextId = 1;

  /** Reads on the calling thread have stopped: the reader was closed. */
  private closed = false;

  /**
   * `onThisThread`: read the files here, never in a worker. A worker's start
   * (a Node environment of its own, its 800 KB bundle and its Win32 bindings)
   * took 220–320 ms under Wine from its start to its first read, on the same
   * two CPUs as the driver hosts' start, while 40 files' details take a few
   * milliseconds; a CLI has no window that its reads could keep from answering.
   */
  constructor(
    private readonly workerPath = unpackedPath(join(__dirname, 'catalogWorker.js')),
    private readonly onThisThread = false,
  ) {}

  /**
   * Starts the worker ahead of the first file read: a thread and its Win32
   * bindings take longer to load (about 200 ms under Wine) than the
   * registrations take to read, so the files' details follow them sooner.
   */
  warmUp(): void {
    if (!this.worker && !this.onThisThread) this.ensureWorker().unref();
  }

  /**
   * The registrations, read on the calling thread: a few milliseconds for
   * thousands of values on Windows (about 40 µs a value under Wine), less than
   * the worker takes to start, and a person's request never waits behind the
   * worker's file reads.
   */
  async scan(): Promise<RegistrationScan> {
    return scanRegistrations();
  }

  /** The same, handing on provisional batches while the rest is read. */
  stream(onFound: (found: MergedRegistration[]) => void): Promise<RegistrationScan> {
    return streamRegistrations(onFound);
  }

  /** Asked once per file a person chooses, who waits for the dialog anyway: read here, not queued behind the worker's file reads. */
  async registeredAs(path: string, view: RegistryView): Promise<string[]> {
    return (await import('./catalogReads')).registeredAs(path, view);
  }

  async lookup(alias: string, view: RegistryView | null): Promise<AliasLookup> {
    return lookupAlias(alias, view);
  }

  /** The other registrations of `view` that name the same driver file as `alias`. */
  async sharers(alias: string, view: RegistryView): Promise<string[]> {
    if (this.onThisThread) return (await import('./catalogReads')).sharers(alias, view);
    const reply = await this.ask({ type: 'sharers', alias, view });
    return (reply as Extract<CatalogReply, { type: 'sharers' }>).sharers;
  }

  /** Reads the details of `items`, then (if `onSignatures` is given) their files' signatures, handing each batch over as it arrives. */
  details(
    items: DetailsItem[],
    onBatch: (batch: Array<{ id: string; details: FileDetails }>) => void,
    onSignatures: ((batch: Array<{ id: string; signature: FileSignature }>) => void) | null,
  ): Promise<void> {
    if (this.onThisThread) return this.readHere(items, onBatch, onSignatures);
    return new Promise((resolve, reject) => {
      this.send({ type: 'details', items, signatures: onSignatures !== null }, {
        onReply: (reply) => {
          if (reply.type === 'details') onBatch(reply.batch);
          else if (reply.type === 'signatures') onSignatures?.(reply.batch);
          else return settleError(reply, reject);
          if (reply.done) resolve();
          return reply.done;
        },
        fail: reject,
      });
    });
  }

  async close(): Promise<void> {
    this.closed = true;
    const worker = this.worker;
    this.worker = null;
    this.failAll(new Error('The driver list was closed before this read finished.'));
    if (!worker) return;
    // Kept alive until then: an unreferenced worker would let the process end under it, with the same abort.
    worker.ref();
    await this.started;
    await worker.terminate();
  }

  /** The reads on this thread, from the next turn of the event loop on, as the worker's would come: the listing's reply goes first. */
  private async readHere(
    items: DetailsItem[],
    onBatch: (batch: Array<{ id: string; details: FileDetails }>) => void,
    onSignatures: ((batch: Array<{ id: string; signature: FileSignature }>) => void) | null,
  ): Promise<void> {
    await new Promise((resolve) => setImmediate(resolve));
    const { readDetails } = await import('./catalogReads');
    await readDetails(items, onSignatures !== null, (reply) => {
      if (this.closed) throw new Error('The driver list was closed before this read finished.');
      if (reply.type === 'details') onBatch(reply.batch);
      else onSignatures?.(reply.batch);
    });
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
    this.started = new Promise((resolve) => {
      worker.once('message', () => resolve());
      worker.once('exit', () => resolve());
    });
    worker.on('message', (reply: CatalogReply | CatalogReady) => reply.type !== 'ready' && this.receive(reply));
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
