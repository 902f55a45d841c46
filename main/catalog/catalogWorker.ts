/**
 * The catalog worker: the file reads of the listing, off the panel's main
 * thread: every file's details, then its signature, in small batches with a
 * yield in between so that a person's question (which files a driver shares)
 * never waits for a long list. The registrations themselves are read where
 * they are asked for (catalogReader.ts).
 */
import { parentPort } from 'node:worker_threads';
import type { CatalogReady, CatalogReply, CatalogRequest, DetailsItem } from './catalogProtocol';
import type { RegistryView } from '../../app/views';
import { splitRegisteredValue } from './driverCatalog';
import { readFileDetails, resolveDriverFile, scanRegistrations } from './driverScanner';
import { readSignature } from './fileSignature';
import { errorText } from '../../app/errorText';

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
async function readDetails(id: number, items: readonly DetailsItem[], signatures: boolean): Promise<void> {
  const found: Array<{ id: string; path: string }> = [];
  let start = 0;
  do {
    const batch = items.slice(start, start + BATCH).map((item) => ({ id: item.id, details: readFileDetails(item.value, item.view) }));
    for (const { id: entry, details } of batch) if (details.path) found.push({ id: entry, path: details.path });
    start += BATCH;
    reply({ id, type: 'details', batch, done: !signatures && start >= items.length });
    await yieldToRequests();
  } while (start < items.length);
  if (!signatures) return;
  start = 0;
  do {
    const batch = found.slice(start, start + BATCH).map((file) => ({ id: file.id, signature: readSignature(file.path) }));
    start += BATCH;
    reply({ id, type: 'signatures', batch, done: start >= found.length });
    await yieldToRequests();
  } while (start < found.length);
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
    if (request.type === 'sharers') reply({ id: request.id, type: 'sharers', sharers: sharers(request.alias, request.view) });
    else await readDetails(request.id, request.items, request.signatures);
  } catch (error) {
    reply({ id: request.id, type: 'error', message: errorText(error) });
  }
}

port.on('message', (request: CatalogRequest) => void handle(request));
// Its Win32 bindings are loaded (the imports above): from now on the thread may be ended safely.
port.postMessage({ type: 'ready' } satisfies CatalogReady);
