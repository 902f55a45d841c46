/**
 * The panel's state: the listing as it fills in with probe results, the
 * selection, each driver's last action and error, and pending restarts.
 */
import { useCallback, useEffect, useMemo, useState } from 'react';
import type { ActionResult, DriverAction, DriverEntry, DriverFailure, DriverListing, RestartRequirement } from '../app/drivers';
import { applyProbeOutcome } from '../app/drivers';

export interface ActionState {
  busy: DriverAction | null;
  result: ActionResult | null;
  error: DriverFailure | null;
}

const idle: ActionState = { busy: null, result: null, error: null };

const channelFor = { configure: 'configureDriver', install: 'installDriver', remove: 'removeDriver' } as const;

export interface DriverPanel {
  listing: DriverListing | null;
  loading: boolean;
  listError: DriverFailure | null;
  probing: number;
  /** The driver the person selected, if it is still listed. */
  selected: DriverEntry | null;
  select: (id: string) => void;
  actionState(id: string): ActionState;
  run: (driver: DriverEntry, action: DriverAction) => Promise<void>;
  restarts: RestartRequirement[];
  refresh: () => void;
}

export function useDriverPanel(): DriverPanel {
  const api = window.driversPanel;
  const [listing, setListing] = useState<DriverListing | null>(null);
  const [loading, setLoading] = useState(true);
  const [listError, setListError] = useState<DriverFailure | null>(null);
  const [selectedId, setSelectedId] = useState<string | null>(null);
  const [actions, setActions] = useState<Record<string, ActionState>>({});
  const [restarts, setRestarts] = useState<RestartRequirement[]>([]);
  const [generation, setGeneration] = useState(0);

  useEffect(() => {
    const offProbe = api.on('probeOutcome', (outcome) => {
      setListing((current) =>
        current && {
          ...current,
          drivers: current.drivers.map((d) => (d.view === '64-bit' && d.alias === outcome.alias ? applyProbeOutcome(d, outcome) : d)),
        },
      );
    });
    const offRestart = api.on('restartRequired', (requirement) => setRestarts((r) => [...r, requirement]));
    return () => {
      offProbe();
      offRestart();
    };
  }, [api]);

  useEffect(() => {
    let cancelled = false;
    // A function, so that the check is made afresh after each await.
    const stale = (): boolean => cancelled;
    const run = async (): Promise<void> => {
      setLoading(true);
      const [listed, pending] = await Promise.all([api.listDrivers({}), api.restartRequirements({})]);
      if (stale()) return;
      setLoading(false);
      if (pending.ok) setRestarts(pending.value);
      if (!listed.ok) {
        setListError(listed.error);
        return;
      }
      setListError(null);
      setListing(listed.value);
      await api.probeAll({});
    };
    void run();
    return () => {
      cancelled = true;
    };
  }, [api, generation]);

  const selected = useMemo(() => listing?.drivers.find((d) => d.id === selectedId) ?? null, [listing, selectedId]);
  // Drivers that can be opened and have no probe result yet: their probe is queued or running.
  const probing = useMemo(() => listing?.drivers.filter((d) => d.status === 'ok' && d.view === '64-bit' && !d.probe).length ?? 0, [listing]);

  const run = useCallback(
    async (driver: DriverEntry, action: DriverAction) => {
      const update = (state: ActionState): void => setActions((all) => ({ ...all, [driver.id]: state }));
      update({ ...idle, busy: action });
      const reply = await api[channelFor[action]]({ alias: driver.alias });
      update(reply.ok ? { ...idle, result: reply.value } : { ...idle, error: reply.error });
    },
    [api],
  );

  return {
    listing,
    loading,
    listError,
    probing,
    selected,
    select: setSelectedId,
    actionState: (id) => actions[id] ?? idle,
    run,
    restarts,
    refresh: () => setGeneration((g) => g + 1),
  };
}
