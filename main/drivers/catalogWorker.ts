/**
 * The catalog worker: every registry and file read of the listing, off the
 * panel's main thread. File details are read in small batches, yielding in
 * between, so that a lookup for a person's request never waits for a long list.
 */
import { parentPort } from 'node:worker_threads';
import type { CatalogReply, CatalogRequest, DetailsItem } from './catalogProtocol';
import { NATIVE_VIEW } from './driverCatalog';
import { readFileDetails, scanRegistrations } from './driverScanner';

const BATCH = 16;

const port = parentPort;
if (!port) throw new Error('catalogWorker must run as a worker thread');
const reply = (message: CatalogReply): void => port.postMessage(message);

async function readDetails(id: number, items: readonly DetailsItem[]): Promise<void> {
  let start = 0;
  do {
    const batch = items.slice(start, start + BATCH).map((item) => ({ id: item.id, details: readFileDetails(item.value, item.view) }));
    start += BATCH;
    reply({ id, type: 'details', batch, done: start >= items.length });
    await new Promise((resolve) => setImmediate(resolve));
  } while (start < items.length);
}

function lookup(alias: string): CatalogReply & { type: 'lookup' } {
  const key = alias.toLowerCase();
  const scan = scanRegistrations();
  const matches = scan.registrations.filter((r) => r.alias.toLowerCase() === key);
  const native = matches.find((r) => r.view === NATIVE_VIEW);
  const unusable = scan.unreadable.find((u) => u.view === NATIVE_VIEW && u.alias.toLowerCase() === key) ?? null;
  return {
    id: 0,
    type: 'lookup',
    lookup: {
      native: native ? { registration: native, details: readFileDetails(native.value, native.view) } : null,
      unusable,
      otherViewOnly: !native && !unusable && matches.length > 0,
    },
  };
}

async function handle(request: CatalogRequest): Promise<void> {
  try {
    if (request.type === 'scan') reply({ id: request.id, type: 'scan', scan: scanRegistrations() });
    else if (request.type === 'lookup') reply({ ...lookup(request.alias), id: request.id });
    else await readDetails(request.id, request.items);
  } catch (error) {
    reply({ id: request.id, type: 'error', message: error instanceof Error ? error.message : String(error) });
  }
}

port.on('message', (request: CatalogRequest) => void handle(request));
