/**
 * Running a driver's actions (actionCalls.ts says which channel each calls)
 * and keeping each driver's outcome for its details pane, until its next
 * action replaces it.
 */
import { useCallback, useState } from 'react';
import type { DriverEntry } from '../app/drivers';
import type { PanelApi } from '../app/panelApi';
import { actionCalls, idle, listedRegistration, stopWaiting as stopWaitingCall, type ActionState, type PanelAction } from './actionCalls';
import type { NewChange } from './useLastChange';
import type { PanelMessage } from './usePanelNotices';
import type { FollowTarget } from './useSelection';

export interface DriverActions {
  actionState: (id: string) => ActionState;
  run: (driver: DriverEntry, action: PanelAction) => Promise<void>;
  /** Gives up on a dialog that never returns: its driver host is ended. */
  stopWaiting: (driver: DriverEntry) => void;
  /** Opens the folder of the driver's file, the file selected; a failure is the panel's message. */
  showFileLocation: (driver: DriverEntry) => Promise<void>;
}

/** Where an action's reply goes besides the driver's own outcome. */
export interface ActionEffects {
  showChange: (made: NewChange) => void;
  follow: (target: FollowTarget) => void;
  inform: (message: PanelMessage) => void;
}

export function useDriverActions(api: PanelApi, effects: ActionEffects): DriverActions {
  const [actions, setActions] = useState<Record<string, ActionState>>({});
  const { showChange, follow, inform } = effects;

  const run = useCallback(
    async (driver: DriverEntry, action: PanelAction) => {
      const update = (state: ActionState): void => setActions((all) => ({ ...all, [driver.id]: state }));
      update({ ...idle, busy: action });
      const done = await actionCalls[action](api, driver);
      update(done.state);
      if (done.follow) follow(done.follow);
      if (done.change) showChange(done.change);
    },
    [api, follow, showChange],
  );

  const actionState = useCallback((id: string) => actions[id] ?? idle, [actions]);
  const stopWaiting = useCallback((driver: DriverEntry) => void stopWaitingCall(api, driver), [api]);
  const showFileLocation = useCallback(
    async (driver: DriverEntry) => {
      const reply = await api.showFileLocation(listedRegistration(driver));
      if (!reply.ok) inform({ intent: 'error', text: reply.error.message });
    },
    [api, inform],
  );

  return { actionState, run, stopWaiting, showFileLocation };
}
