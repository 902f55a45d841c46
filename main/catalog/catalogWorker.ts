/**
 * The catalog worker: the file reads of the listing (catalogReads.ts), off the
 * panel's main thread: every file's details, then its signature, in small
 * batches with a yield in between so that a person's question (which files a
 * driver shares) never waits for a long list. The registrations themselves
 * are read where they are asked for (catalogReader.ts).
 */
import { parentPort } from 'node:worker_threads';
import type { CatalogReady, CatalogReply, CatalogRequest } from './catalogProtocol';
import { readDetails, sharers } from './catalogReads';
import { errorText } from '../../app/errorText';

const port = parentPort;
if (!port) throw new Error('catalogWorker must run as a worker thread');
const reply = (message: CatalogReply): void => port.postMessage(message);

async function handle(request: CatalogRequest): Promise<void> {
  try {
    if (request.type === 'sharers') reply({ id: request.id, type: 'sharers', sharers: sharers(request.alias, request.view) });
    else await readDetails(request.items, request.signatures, (message) => reply({ ...message, id: request.id }));
  } catch (error) {
    reply({ id: request.id, type: 'error', message: errorText(error) });
  }
}

port.on('message', (request: CatalogRequest) => void handle(request));
// Its Win32 bindings are loaded (the imports above): from now on the thread may be ended safely.
port.postMessage({ type: 'ready' } satisfies CatalogReady);
