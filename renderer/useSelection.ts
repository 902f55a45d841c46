/**
 * The driver the person selected. A driver just disabled, enabled or added
 * gets a new entry (its id names where it is registered): the selection
 * follows it there once a listing shows it.
 */
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import type { DriverEntry } from '../app/drivers';

/** The registration a change leaves behind, by what stays the same across listings. */
export interface FollowTarget {
  alias: string;
  view: DriverEntry['view'];
  disabled: boolean;
}

export interface Selection {
  /** The driver the person selected, if it is still listed. */
  selected: DriverEntry | null;
  select: (id: string) => void;
  /** Selects the entry of `target` as soon as the list has it. */
  follow: (target: FollowTarget) => void;
}

export function useSelection(drivers: readonly DriverEntry[] | null): Selection {
  const [selectedId, setSelectedId] = useState<string | null>(null);
  // A ref, not state: setting it must not render; the listing that follows a change does.
  const followed = useRef<FollowTarget | null>(null);

  useEffect(() => {
    const wanted = followed.current;
    const found = wanted && drivers?.find((d) => d.alias.toLowerCase() === wanted.alias.toLowerCase() && d.view === wanted.view && (d.disabledBy !== null) === wanted.disabled);
    if (!found) return;
    followed.current = null;
    setSelectedId(found.id);
  }, [drivers]);

  const selected = useMemo(() => drivers?.find((d) => d.id === selectedId) ?? null, [drivers, selectedId]);
  const follow = useCallback((target: FollowTarget) => {
    followed.current = target;
  }, []);
  return { selected, select: setSelectedId, follow };
}
