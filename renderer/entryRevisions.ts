/**
 * Which copy of a driver entry the panel shows: a listing and the updates to
 * its entries travel separately, and a transport may deliver them in either
 * order, so the service numbers each copy (`revision`) and the newest wins.
 * The one definition of that rule; pure, so it is unit-tested.
 */
import type { DriverEntry } from '../app/drivers';

/** Whether `candidate` is to replace `held`: only a strictly higher revision does, so of two equal copies the one held stays. */
export function isNewerEntry(candidate: DriverEntry, held: DriverEntry | undefined): boolean {
  return held === undefined || candidate.revision > held.revision;
}

/** Keeps, in `latest`, the newest copy of each entry seen. */
export function keepNewest(latest: Map<string, DriverEntry>, entries: Iterable<DriverEntry>): void {
  for (const entry of entries) {
    if (isNewerEntry(entry, latest.get(entry.id))) latest.set(entry.id, entry);
  }
}

/**
 * Applies updated entries to a list, keeping its order and members: of two
 * copies of an entry the newer wins, so a late listing never undoes a newer update.
 */
export function mergeEntries(current: readonly DriverEntry[], updated: Iterable<DriverEntry>): DriverEntry[] {
  const newest = new Map<string, DriverEntry>();
  keepNewest(newest, updated);
  return current.map((entry) => {
    const candidate = newest.get(entry.id);
    return candidate && isNewerEntry(candidate, entry) ? candidate : entry;
  });
}
