/**
 * The newest change to the registrations, shown with Undo until another
 * replaces it, and undoing a change (that one, or one from History…).
 */
import { useCallback, useState } from 'react';
import type { ChangeRecord } from '../app/changes';
import type { DriverFailure } from '../app/drivers';
import type { PanelApi } from '../app/panelApi';
import type { FollowTarget } from './useSelection';

export interface LastChange {
  change: ChangeRecord;
  /** What the person should know besides the summary (DRV_REMOVE's answer, what Undo cannot restore). */
  note: string | null;
  undone: boolean;
}

/** A change just made, before anyone could undo it. */
export type NewChange = Omit<LastChange, 'undone'>;

export interface LastChangeState {
  lastChange: LastChange | null;
  /** A change an action just made: it becomes the last change. */
  show: (made: NewChange) => void;
  /** A change made elsewhere (Add driver…): shown with Undo, and the selection goes to its driver. */
  recordChange: (change: ChangeRecord, note: string | null) => void;
  /** Undoes a change; it becomes the last change, shown as undone, and the selection follows its driver. */
  undo: (change: ChangeRecord) => Promise<DriverFailure | null>;
}

export function useLastChange(api: PanelApi, follow: (target: FollowTarget) => void): LastChangeState {
  const [lastChange, setLastChange] = useState<LastChange | null>(null);

  const show = useCallback((made: NewChange) => setLastChange({ ...made, undone: false }), []);

  const recordChange = useCallback(
    (change: ChangeRecord, note: string | null) => {
      follow({ alias: change.alias, view: change.view, disabled: false });
      show({ change, note });
    },
    [follow, show],
  );

  const undo = useCallback(
    async (change: ChangeRecord) => {
      const reply = await api.undoChange({ id: change.id });
      if (!reply.ok) return reply.error;
      const { undone, note } = reply.value;
      follow({ alias: undone.alias, view: undone.view, disabled: undone.kind === 'enable' });
      setLastChange({ change: undone, note, undone: true });
      return null;
    },
    [api, follow],
  );

  return { lastChange, show, recordChange, undo };
}
