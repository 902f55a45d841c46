/**
 * The first listing is asked for as the page starts, before React renders
 * anything: on a machine with thousands of drivers the service takes longer
 * to answer than the first render takes, so the two overlap. The updates that
 * stream in before the panel listens are kept for it, and so are the
 * registrations found before the reply, for a panel that shows nothing yet.
 */
import type { Reply } from '../app/contract';
import type { DriverEntry } from '../app/drivers';

export interface FirstListing {
  reply: Promise<Reply<'listDrivers'>>;
  /** Every update that arrived before the panel took the listing. */
  updates: DriverEntry[];
  /**
   * Calls `show` with every registration found so far, at once if there are
   * any and again as more are found, until the reply is in; returns how to stop.
   */
  followFound: (show: (found: DriverEntry[]) => void) => () => void;
}

let first: (FirstListing & { stop: () => void; rows: () => DriverEntry[] | null }) | null = null;

/** Asks for what the panel shows first: every registration, new drivers probed. */
export function startFirstListing(): void {
  const api = window.driversPanel;
  const updates: DriverEntry[] = [];
  const stopUpdates = api.on('driversUpdated', (entries) => updates.push(...entries));
  const found = new Map<string, DriverEntry>();
  let show: ((found: DriverEntry[]) => void) | null = null;
  const stopFound = api.on('registrationsFound', (entries) => {
    for (const entry of entries) found.set(entry.id, entry);
    show?.([...found.values()]);
  });
  const reply = api.listDrivers({ probe: 'new' });
  let listed: DriverEntry[] | null = null;
  // The reply is the listing: what was found before it is of no use after it.
  const settle = (answer: Reply<'listDrivers'> | null): void => {
    stopFound();
    found.clear();
    if (answer?.ok) listed = answer.value.drivers;
  };
  void reply.then(settle, () => settle(null));
  const followFound = (listener: (found: DriverEntry[]) => void): (() => void) => {
    show = listener;
    if (found.size > 0) listener([...found.values()]);
    return () => (show = null);
  };
  const rows = (): DriverEntry[] | null => listed ?? (found.size > 0 ? [...found.values()] : null);
  first = { reply, updates, followFound, stop: stopUpdates, rows };
}

/**
 * What the panel can show in its very first render: the listing if it is in,
 * else the registrations found so far, else null. The panel's script takes
 * longer to load than a listing of thousands takes; a first render with the
 * rows spares a second one.
 */
export function firstRows(): DriverEntry[] | null {
  return first?.rows() ?? null;
}

/** The first listing, once, for a panel that already listens to updates; later listings ask afresh. */
export function takeFirstListing(): FirstListing | null {
  const taken = first;
  first = null;
  taken?.stop();
  return taken && { reply: taken.reply, updates: taken.updates, followFound: taken.followFound };
}
