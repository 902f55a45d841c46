/**
 * The catalog worker: every registry and file read of the listing, off the
 * panel's main thread. File details are read in small batches, yielding in
 * between, so that a lookup for a person's request never waits for a long list.
 */
import { parentPort } from 'node:worker_threads';
import type { CatalogReply, CatalogRequest, DetailsItem } from './catalogProtocol';
import type { RegistryView } from '../../app/drivers';
import { NATIVE_VIEW, splitRegisteredValue } from './driverCatalog';
import { readFileDetails, resolveDriverFile, scanRegistrations } from './driverScanner';
import { readSignature } from './fileSignature';

const BATCH = 16;

const port = parentPort;
if (!port) throw new Error('catalogWorker must run as a worker thread');
const reply = (message: CatalogReply): void => port.postMessage(message);

const yieldToRequests = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

/**
 * Sizes and version resources first, for every file, then the signatures,
 * which cost twice as much (WinVerifyTrust hashes the whole file): the list
 * is complete before the first signature is checked.
 */
async function readDetails(id: number, items: readonly DetailsItem[]): Promise<void> {
  const found: Array<{ id: string; path: string }> = [];
  for (let start = 0; start < items.length; start += BATCH) {
    const batch = items.slice(start, start + BATCH).map((item) => ({ id: item.id, details: readFileDetails(item.value, item.view) }));
    for (const { id: entry, details } of batch) if (details.path) found.push({ id: entry, path: details.path });
    reply({ id, type: 'details', batch, done: false });
    await yieldToRequests();
  }
  let start = 0;
  do {
    const batch = found.slice(start, start + BATCH).map((file) => ({ id: file.id, signature: readSignature(file.path) }));
    start += BATCH;
    reply({ id, type: 'signatures', batch, done: start >= found.length });
    await yieldToRequests();
  } while (start < found.length);
}

function lookup(alias: string): CatalogReply & { type: 'lookup' } {
  const key = alias.toLowerCase();
  const scan = scanRegistrations();
  // A disabled registration is not one Winmm would load, so it is never opened either.
  const matches = scan.registrations.filter((r) => r.disabledBy === null && r.alias.toLowerCase() === key);
  const native = matches.find((r) => r.view === NATIVE_VIEW);
  const unusable = scan.unreadable.find((u) => u.disabledBy === null && u.view === NATIVE_VIEW && u.alias.toLowerCase() === key) ?? null;
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

/** The aliases of every other registration in `view` whose file resolves to the same file as the enabled `alias`'s. */
function sharers(alias: string, view: RegistryView): string[] {
  const scan = scanRegistrations();
  const values = [
    ...scan.registrations.map((r) => ({ alias: r.alias, value: r.value, disabledBy: r.disabledBy, view: r.view })),
    ...scan.unreadable.flatMap((u) => (u.value === null ? [] : [{ alias: u.alias, value: u.value, disabledBy: u.disabledBy, view: u.view }])),
  ].filter((r) => r.view === view);
  const resolve = (value: string): string | null => resolveDriverFile(splitRegisteredValue(value).file, view)?.toLowerCase() ?? null;
  const self = values.find((r) => r.disabledBy === null && r.alias.toLowerCase() === alias.toLowerCase());
  const path = self ? resolve(self.value) : null;
  if (!self || path === null) return [];
  return values.filter((r) => r !== self && resolve(r.value) === path).map((r) => (r.disabledBy ? `${r.alias} (disabled)` : r.alias));
}

async function handle(request: CatalogRequest): Promise<void> {
  try {
    if (request.type === 'scan') reply({ id: request.id, type: 'scan', scan: scanRegistrations() });
    else if (request.type === 'lookup') reply({ ...lookup(request.alias), id: request.id });
    else if (request.type === 'sharers') reply({ id: request.id, type: 'sharers', sharers: sharers(request.alias, request.view) });
    else await readDetails(request.id, request.items);
  } catch (error) {
    reply({ id: request.id, type: 'error', message: error instanceof Error ? error.message : String(error) });
  }
}

port.on('message', (request: CatalogRequest) => void handle(request));
