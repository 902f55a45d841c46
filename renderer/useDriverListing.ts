/**
 * The list of drivers as it streams in: the first listing (asked for before
 * the page rendered), the registrations found before its reply, the file
 * details and probe results that follow as updates, and a new listing after
 * every change to the registrations or a Refresh. Every rule about a driver
 * comes from the service (status, openable); this only keeps the newest copy
 * of each entry.
 */
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import type { DriverEntry, DriverFailure, ProbeMode } from '../app/drivers';
import type { PanelApi } from '../app/panelApi';
import { keepNewest, mergeEntries } from './entryRevisions';
import { firstRows, takeFirstListing } from './firstListing';

/** Long enough to gather a burst of streamed updates into one render, short enough to look immediate. */
const UPDATE_INTERVAL_MS = 50;

export interface DriverListing {
  drivers: DriverEntry[] | null;
  loading: boolean;
  listError: DriverFailure | null;
  /** Drivers whose file details or probe are still on their way. */
  checking: number;
  /** Lists again, probing every driver again. */
  refresh: () => void;
}

/** What else happens with each listing; both must keep their identity across renders, or every render would list again. */
export interface ListingListeners {
  /** Called as each listing is asked for; `stale` tells, after any await, whether a newer listing has replaced it. */
  listing: (stale: () => boolean) => void;
  /** The listing's warnings, every time it is in. */
  notices: (notices: readonly string[]) => void;
}

export function useDriverListing(api: PanelApi, on: ListingListeners): DriverListing {
  const [drivers, setDrivers] = useState<DriverEntry[] | null>(firstRows);
  const [loading, setLoading] = useState(true);
  const [listError, setListError] = useState<DriverFailure | null>(null);
  // Each request for a listing, and how much it probes: Refresh asks every driver again, the first look and a change only the new ones.
  const [request, setRequest] = useState<{ generation: number; probe: ProbeMode }>({ generation: 0, probe: 'new' });
  // Every update seen, newest revision per id: one may arrive before the listing it updates.
  const latest = useRef(new Map<string, DriverEntry>());

  useEffect(() => {
    // Updates stream in by the thousand while a long list is checked: they are applied together, at most every UPDATE_INTERVAL_MS.
    let arrived = new Map<string, DriverEntry>();
    let timer: ReturnType<typeof setTimeout> | null = null;
    const apply = (): void => {
      const updated = [...arrived.values()];
      arrived = new Map();
      timer = null;
      setDrivers((current) => current && mergeEntries(current, updated));
    };
    const offUpdates = api.on('driversUpdated', (updated) => {
      keepNewest(latest.current, updated);
      keepNewest(arrived, updated);
      timer ??= setTimeout(apply, UPDATE_INTERVAL_MS);
    });
    const offChanges = api.on('registrationsChanged', () => setRequest((r) => ({ generation: r.generation + 1, probe: 'new' })));
    return () => {
      if (timer) clearTimeout(timer);
      offUpdates();
      offChanges();
    };
  }, [api]);

  const { listing: onListing, notices: onNotices } = on;
  useEffect(() => {
    let cancelled = false;
    // A function, so that the check is made afresh after each await.
    const stale = (): boolean => cancelled;
    const load = async (): Promise<void> => {
      setLoading(true);
      const first = request.generation === 0 ? takeFirstListing() : null;
      if (first) keepNewest(latest.current, first.updates);
      // Nothing is shown yet: the registrations found so far are, until the listing is in.
      const stopFound = first?.followFound((found) => stale() || setDrivers(found));
      // Each shown as it comes: what else a listing asks for need not wait for a long listing, nor it for them.
      onListing(stale);
      const listed = await (first?.reply ?? api.listDrivers({ probe: request.probe }));
      stopFound?.();
      if (stale()) return;
      setLoading(false);
      if (!listed.ok) {
        setListError(listed.error);
        return;
      }
      setListError(null);
      onNotices(listed.value.notices);
      setDrivers(mergeEntries(listed.value.drivers, latest.current.values()));
    };
    void load();
    return () => {
      cancelled = true;
    };
  }, [api, request, onListing, onNotices]);

  const checking = useMemo(() => drivers?.filter((d) => d.pending !== null).length ?? 0, [drivers]);
  const refresh = useCallback(() => {
    // Set here, in the click, so that the feedback is painted at once, not after the listing has been asked for.
    setLoading(true);
    setRequest((r) => ({ generation: r.generation + 1, probe: 'all' }));
  }, []);

  return { drivers, loading, listError, checking, refresh };
}
