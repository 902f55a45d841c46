/**
 * The first listing is asked for as the page starts, before React renders
 * anything: on a machine with thousands of drivers the service takes longer
 * to answer than the first render takes, so the two overlap. The updates that
 * stream in before the panel listens are kept for it.
 */
import type { Reply } from '../app/contract';
import type { DriverEntry } from '../app/drivers';

export interface FirstListing {
  reply: Promise<Reply<'listDrivers'>>;
  /** Every update that arrived before the panel took the listing. */
  updates: DriverEntry[];
}

let first: (FirstListing & { stop: () => void }) | null = null;

/** Asks for what the panel shows first: every registration, new drivers probed. */
export function startFirstListing(): void {
  const api = window.driversPanel;
  const updates: DriverEntry[] = [];
  const stop = api.on('driversUpdated', (entries) => updates.push(...entries));
  first = { reply: api.listDrivers({ probe: 'new' }), updates, stop };
}

/** The first listing, once, for a panel that already listens to updates; later listings ask afresh. */
export function takeFirstListing(): FirstListing | null {
  const taken = first;
  first = null;
  taken?.stop();
  return taken && { reply: taken.reply, updates: taken.updates };
}
