/**
 * The panel's state, as App reads it, put together from one hook per concern:
 * the streamed listing (useDriverListing), the selection (useSelection), the
 * pending restarts (useRestarts), administrator rights (elevation.ts), the
 * notices and message (usePanelNotices), each driver's actions
 * (useDriverActions) and the last change with Undo (useLastChange).
 */
import type { ChangeRecord } from '../app/changes';
import type { DriverEntry, DriverFailure, RestartRequirement } from '../app/drivers';
import type { ActionState, PanelAction } from './actionCalls';
import { useElevation } from './elevation';
import { useDriverActions } from './useDriverActions';
import { useDriverListing } from './useDriverListing';
import { useLastChange, type LastChange } from './useLastChange';
import { usePanelNotices, type PanelMessage } from './usePanelNotices';
import { useRestarts } from './useRestarts';
import { useSelection } from './useSelection';

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

export function useDriverPanel(): DriverPanel {
  const api = window.driversPanel;
  // Their effects run in this order: the restarts are asked for before a listing that may take long.
  const { notices, addNotices, dismissNotice, message, inform } = usePanelNotices();
  const { elevated, restartAsAdministrator } = useElevation(api, addNotices);
  const { restarts, askAgain, restartWindows } = useRestarts(api);
  const { drivers, loading, listError, checking, refresh } = useDriverListing(api, { listing: askAgain, notices: addNotices });
  const { selected, select, follow } = useSelection(drivers);
  const { lastChange, show, recordChange, undo } = useLastChange(api, follow);
  const { actionState, run, stopWaiting, showFileLocation } = useDriverActions(api, { showChange: show, follow, inform });

  return {
    drivers,
    loading,
    listError,
    checking,
    notices,
    dismissNotice,
    selected,
    select,
    actionState,
    run,
    stopWaiting,
    restarts,
    restartWindows,
    refresh,
    elevated,
    restartAsAdministrator,
    lastChange,
    undo,
    recordChange,
    message,
    inform,
    showFileLocation,
  };
}
