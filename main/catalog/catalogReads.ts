/**
 * What the catalog reads from the driver files: every file's details, then
 * their signatures, in small batches with a yield in between, and which
 * registrations share a file. The catalog worker runs these off the panel's
 * main thread; the CLI, which has no window to keep responsive, runs them on
 * its own thread and does not pay for a worker's start (catalogReader.ts).
 */
import type { CatalogReply, DetailsItem } from './catalogProtocol';
import type { RegistryView } from '../../app/views';
import { splitRegisteredValue } from './driverCatalog';
import { readFileDetails, readInstallerNames, resolveDriverFile, scanRegistrations } from './driverScanner';
import { readSignature } from './fileSignature';

const BATCH = 16;

type Unnumbered<T> = T extends unknown ? Omit<T, 'id'> : never;
export type ReadsReply = Unnumbered<Extract<CatalogReply, { type: 'details' | 'signatures' }>>;

const yieldToRequests = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

/**
 * Sizes and version resources first, for every file, then the signatures,
 * which cost twice as much (WinVerifyTrust hashes the whole file): the list
 * is complete before the first signature is checked.
 */
export async function readDetails(items: readonly DetailsItem[], signatures: boolean, reply: (message: ReadsReply) => void): Promise<void> {
  const found: Array<{ id: string; path: string }> = [];
  const names = readInstallerNames();
  let start = 0;
  do {
    const batch = items.slice(start, start + BATCH).map((item) => ({ id: item.id, details: readFileDetails(item, names) }));
    for (const { id: entry, details } of batch) if (details.path) found.push({ id: entry, path: details.path });
    start += BATCH;
    reply({ type: 'details', batch, done: !signatures && start >= items.length });
    await yieldToRequests();
  } while (start < items.length);
  if (!signatures) return;
  start = 0;
  do {
    const batch = found.slice(start, start + BATCH).map((file) => ({ id: file.id, signature: readSignature(file.path) }));
    start += BATCH;
    reply({ type: 'signatures', batch, done: start >= found.length });
    await yieldToRequests();
  } while (start < found.length);
}

/** The aliases of every other registration in `view` whose file resolves to the same file as the enabled `alias`'s. */
export function sharers(alias: string, view: RegistryView): string[] {
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
