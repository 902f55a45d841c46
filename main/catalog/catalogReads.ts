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

interface NamedFile {
  alias: string;
  disabledBy: string | null;
  /** The file the loader of the view finds for it, lower case; null when none. */
  path: string | null;
}

/** Every registration of `view`, enabled or disabled, readable or not, with the file it resolves to. */
function namedFiles(view: RegistryView): NamedFile[] {
  const scan = scanRegistrations();
  return [
    ...scan.registrations.map((r) => ({ alias: r.alias, value: r.value, disabledBy: r.disabledBy, view: r.view })),
    ...scan.unreadable.flatMap((u) => (u.value === null ? [] : [{ alias: u.alias, value: u.value, disabledBy: u.disabledBy, view: u.view }])),
  ]
    .filter((r) => r.view === view)
    .map((r) => ({ alias: r.alias, disabledBy: r.disabledBy, path: resolveDriverFile(splitRegisteredValue(r.value).file, view)?.toLowerCase() ?? null }));
}

const listedAlias = (r: NamedFile): string => (r.disabledBy ? `${r.alias} (disabled)` : r.alias);

/** The aliases of every other registration in `view` whose file resolves to the same file as the enabled `alias`'s. */
export function sharers(alias: string, view: RegistryView): string[] {
  const files = namedFiles(view);
  const self = files.find((r) => r.disabledBy === null && r.alias.toLowerCase() === alias.toLowerCase());
  if (!self || self.path === null) return [];
  return files.filter((r) => r !== self && r.path === self.path).map(listedAlias);
}

/** The aliases of `view` whose registration names the file at `path` (disabled ones marked). */
export function registeredAs(path: string, view: RegistryView): string[] {
  const wanted = path.toLowerCase();
  return namedFiles(view)
    .filter((r) => r.path === wanted)
    .map(listedAlias);
}
