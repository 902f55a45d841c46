/**
 * The panel's state: the listing as file details and probe results stream in,
 * the selection, each driver's last action and error, pending restarts and
 * notices. Every rule about a driver comes from the service (status, openable);
 * this only keeps the newest copy of each entry.
 */
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import type { ChangeRecord, Removal } from '../app/changes';
import type { ActionResult, DriverEntry, DriverFailure, ProbeMode, ProbeResult, RestartRequirement } from '../app/drivers';
import { mergeEntries } from './driverPresentation';
import { firstRows, takeFirstListing } from './firstListing';

export type PanelAction = 'configure' | 'install' | 'remove' | 'disable' | 'enable' | 'retry';

/** The newest change to the registrations, shown with Undo until another replaces it. */
export interface LastChange {
  change: ChangeRecord;
  /** What the person should know besides the summary (DRV_REMOVE's answer, what Undo cannot restore). */
  note: string | null;
  undone: boolean;
}

export interface ActionState {
  busy: PanelAction | null;
  result: ActionResult | null;
  /** A removal the driver cancelled (one that happened is the panel's last change). */
  removal: Removal | null;
  /** The answer of a Try again. */
  probe: ProbeResult | null;
  error: DriverFailure | null;
}

/** Long enough to gather a burst of streamed updates into one render, short enough to look immediate. */
const UPDATE_INTERVAL_MS = 50;

const idle: ActionState = { busy: null, result: null, removal: null, probe: null, error: null };

export interface DriverPanel {
  drivers: DriverEntry[] | null;
  loading: boolean;
  listError: DriverFailure | null;
  /** Drivers whose file details or probe are still on their way. */
  checking: number;
  notices: string[];
  dismissNotice: (notice: string) => void;
  /** The driver the person selected, if it is still listed. */
  selected: DriverEntry | null;
  select: (id: string) => void;
  actionState(id: string): ActionState;
  run: (driver: DriverEntry, action: PanelAction) => Promise<void>;
  stopWaiting: (driver: DriverEntry) => void;
  restarts: RestartRequirement[];
  restartWindows: () => Promise<DriverFailure | null>;
  refresh: () => void;
  /** Whether the panel has administrator rights (true until the main process says otherwise). */
  elevated: boolean;
  /** Starts the panel again as administrator; a refusal is shown as a notice. */
  restartAsAdministrator: () => void;
  lastChange: LastChange | null;
  /** Undoes a change, the last one or one from the history; it becomes the last change, shown as undone. */
  undo: (change: ChangeRecord) => Promise<DriverFailure | null>;
  /** A change made elsewhere (Add driver…): shown with Undo, and the selection goes to its driver. */
  recordChange: (change: ChangeRecord, note: string | null) => void;
  /** What the person should hear of once (a report saved, details copied), or a failure. */
  message: PanelMessage | null;
  inform: (message: PanelMessage | null) => void;
  /** Opens the folder of the driver's file, the file selected; a failure is the panel's message. */
  showFileLocation: (driver: DriverEntry) => Promise<void>;
}

export interface PanelMessage {
  intent: 'success' | 'error';
  text: string;
}

/** Keeps the newest revision of each entry. */
function keepNewest(latest: Map<string, DriverEntry>, entries: Iterable<DriverEntry>): void {
  for (const entry of entries) {
    const known = latest.get(entry.id);
    if (!known || known.revision < entry.revision) latest.set(entry.id, entry);
  }
}

export function useDriverPanel(): DriverPanel {
  const api = window.driversPanel;
  const [drivers, setDrivers] = useState<DriverEntry[] | null>(firstRows);
  const [loading, setLoading] = useState(true);
  const [listError, setListError] = useState<DriverFailure | null>(null);
  const [notices, setNotices] = useState<string[]>([]);
  const [selectedId, setSelectedId] = useState<string | null>(null);
  const [actions, setActions] = useState<Record<string, ActionState>>({});
  const [restarts, setRestarts] = useState<RestartRequirement[]>([]);
  // Each request for a listing, and how much it probes: Refresh asks every driver again, the first look and a change only the new ones.
  const [listing, setListing] = useState<{ generation: number; probe: ProbeMode }>({ generation: 0, probe: 'new' });
  const [lastChange, setLastChange] = useState<LastChange | null>(null);
  const [message, setMessage] = useState<PanelMessage | null>(null);
  // A driver just disabled or enabled gets a new entry: the selection follows it there.
  const follow = useRef<{ alias: string; view: DriverEntry['view']; disabled: boolean } | null>(null);
  const [elevated, setElevated] = useState(true);
  // Every update seen, newest revision per id: one may arrive before the listing it updates.
  const latest = useRef(new Map<string, DriverEntry>());
  // Counts restartsChanged events, so that an older answer to restartRequirements never replaces a newer event.
  const restartEvents = useRef(0);

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
    const offRestarts = api.on('restartsChanged', (pending) => {
      restartEvents.current++;
      setRestarts(pending);
    });
    const offChanges = api.on('registrationsChanged', () => setListing((l) => ({ generation: l.generation + 1, probe: 'new' })));
    return () => {
      if (timer) clearTimeout(timer);
      offUpdates();
      offRestarts();
      offChanges();
    };
  }, [api]);

  useEffect(() => {
    void api.session({}).then((reply) => reply.ok && setElevated(reply.value.elevated));
  }, [api]);

  useEffect(() => {
    let cancelled = false;
    // A function, so that the check is made afresh after each await.
    const stale = (): boolean => cancelled;
    const load = async (): Promise<void> => {
      setLoading(true);
      const { probe } = listing;
      const eventsBefore = restartEvents.current;
      const first = listing.generation === 0 ? takeFirstListing() : null;
      if (first) keepNewest(latest.current, first.updates);
      // Nothing is shown yet: the registrations found so far are, until the listing is in.
      const stopFound = first?.followFound((found) => stale() || setDrivers(found));
      // Each shown as it comes: the restarts need not wait for a long listing, nor it for them.
      void api.restartRequirements({}).then((pending) => {
        if (!stale() && pending.ok && restartEvents.current === eventsBefore) setRestarts(pending.value);
      });
      const listed = await (first?.reply ?? api.listDrivers({ probe }));
      stopFound?.();
      if (stale()) return;
      setLoading(false);
      if (!listed.ok) {
        setListError(listed.error);
        return;
      }
      setListError(null);
      setNotices((shown) => [...shown, ...listed.value.notices.filter((n) => !shown.includes(n))]);
      setDrivers(mergeEntries(listed.value.drivers, latest.current.values()));
    };
    void load();
    return () => {
      cancelled = true;
    };
  }, [api, listing]);

  useEffect(() => {
    const wanted = follow.current;
    const found = wanted && drivers?.find((d) => d.alias.toLowerCase() === wanted.alias.toLowerCase() && d.view === wanted.view && (d.disabledBy !== null) === wanted.disabled);
    if (!found) return;
    follow.current = null;
    setSelectedId(found.id);
  }, [drivers]);

  const selected = useMemo(() => drivers?.find((d) => d.id === selectedId) ?? null, [drivers, selectedId]);
  const checking = useMemo(() => drivers?.filter((d) => d.pending !== null).length ?? 0, [drivers]);

  const run = useCallback(
    async (driver: DriverEntry, action: PanelAction) => {
      const update = (state: ActionState): void => setActions((all) => ({ ...all, [driver.id]: state }));
      update({ ...idle, busy: action });
      if (action === 'retry') {
        const reply = await api.probeDriver({ alias: driver.alias, retry: true });
        update(reply.ok ? { ...idle, probe: reply.value } : { ...idle, error: reply.error });
        return;
      }
      if (action === 'configure' || action === 'install') {
        const reply = await api[action === 'configure' ? 'configureDriver' : 'installDriver']({ alias: driver.alias });
        update(reply.ok ? { ...idle, result: reply.value } : { ...idle, error: reply.error });
        // What the driver changed itself is a change like the panel's: shown with Undo.
        if (reply.ok && reply.value.change) setLastChange({ change: reply.value.change, note: null, undone: false });
        return;
      }
      const target = { alias: driver.alias, view: driver.view };
      const reply =
        action === 'remove'
          ? await api.removeDriver({ ...target, ...(driver.disabledBy ? { disabledBy: driver.disabledBy } : {}) })
          : await api[action === 'disable' ? 'disableDriver' : 'enableDriver'](target);
      if (!reply.ok) return update({ ...idle, error: reply.error });
      const removal = 'removed' in reply.value ? reply.value : null;
      const change = removal ? removal.change : (reply.value as ChangeRecord);
      update({ ...idle, removal: removal && !removal.removed ? removal : null });
      if (action !== 'remove') follow.current = { ...target, disabled: action === 'disable' };
      if (change) setLastChange({ change, note: removal?.note ?? null, undone: false });
    },
    [api],
  );

  const undo = useCallback(
    async (change: ChangeRecord) => {
      const reply = await api.undoChange({ id: change.id });
      if (!reply.ok) return reply.error;
      const { undone, note } = reply.value;
      follow.current = { alias: undone.alias, view: undone.view, disabled: undone.kind === 'enable' };
      setLastChange({ change: undone, note, undone: true });
      return null;
    },
    [api],
  );

  const restartAsAdministrator = useCallback(() => {
    void api.restartAsAdministrator({}).then((reply) => {
      if (!reply.ok) setNotices((shown) => (shown.includes(reply.error.message) ? shown : [...shown, reply.error.message]));
    });
  }, [api]);

  return {
    drivers,
    loading,
    listError,
    checking,
    notices,
    dismissNotice: (notice) => setNotices((shown) => shown.filter((n) => n !== notice)),
    selected,
    select: setSelectedId,
    actionState: (id) => actions[id] ?? idle,
    run,
    stopWaiting: (driver) => void api.stopWaiting({ alias: driver.alias }),
    restarts,
    restartWindows: async () => {
      const reply = await api.restartWindows({});
      return reply.ok ? null : reply.error;
    },
    refresh: () => {
      // Set here, in the click, so that the feedback is painted at once, not after the listing has been asked for.
      setLoading(true);
      setListing((l) => ({ generation: l.generation + 1, probe: 'all' }));
    },
    elevated,
    restartAsAdministrator,
    lastChange,
    undo,
    recordChange: useCallback((change: ChangeRecord, note: string | null) => {
      follow.current = { alias: change.alias, view: change.view, disabled: false };
      setLastChange({ change, note, undone: false });
    }, []),
    message,
    inform: setMessage,
    showFileLocation: async (driver) => {
      const reply = await api.showFileLocation({ alias: driver.alias, view: driver.view, ...(driver.disabledBy ? { disabledBy: driver.disabledBy } : {}) });
      if (!reply.ok) setMessage({ intent: 'error', text: reply.error.message });
    },
  };
}
