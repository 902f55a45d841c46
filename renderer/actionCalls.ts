/**
 * Which contract channel each of a driver's actions calls, and what its reply
 * means for the panel: the driver's outcome, the change to offer Undo for, and
 * the entry the selection follows to. A table, so that an action added to
 * PanelAction does not compile until it says all three.
 */
import type { Removal } from '../app/changes';
import type { Reply, RequestOf } from '../app/contract';
import type { ActionResult, CodecDialog, CodecDialogResult, DriverEntry, DriverFailure, ProbeResult } from '../app/drivers';
import type { PanelApi } from '../app/panelApi';
import type { NewChange } from './useLastChange';
import type { FollowTarget } from './useSelection';

export type PanelAction = 'configure' | 'settings' | 'about' | 'install' | 'remove' | 'disable' | 'enable' | 'retry';

export interface ActionState {
  busy: PanelAction | null;
  result: ActionResult | null;
  /** A removal the driver cancelled (one that happened is the panel's last change). */
  removal: Removal | null;
  /** The answer of a Try again. */
  probe: ProbeResult | null;
  /** How a codec's own dialog (Codec settings…, About…) went. */
  dialog: CodecDialogResult | null;
  error: DriverFailure | null;
}

export const idle: ActionState = { busy: null, result: null, removal: null, probe: null, dialog: null, error: null };

/** What an action's reply leaves behind. */
export interface ActionDone {
  state: ActionState;
  /** A change to the registrations, to show with Undo. */
  change: NewChange | null;
  /** Where the driver's registration is now, when the change gave it a new entry. */
  follow: FollowTarget | null;
}

type ActionCall = (api: PanelApi, driver: DriverEntry) => Promise<ActionDone>;

/**
 * The registration an action names: its alias in the entry's view. Always
 * named, because codec packs register both builds under one alias, and
 * without a view the service would open the 64-bit one (in the 64-bit host)
 * for a 32-bit entry.
 */
export function registrationOf(driver: DriverEntry): RequestOf<'stopWaiting'> {
  return { alias: driver.alias, view: driver.view };
}

/** One registration, enabled or disabled, as removal and Open file location name it. */
export function listedRegistration(driver: DriverEntry): RequestOf<'removeDriver'> {
  return { ...registrationOf(driver), ...(driver.disabledBy ? { disabledBy: driver.disabledBy } : {}) };
}

/** Stop waiting: ends the host of the entry's view, not the other one, which may be busy with a driver of its own. */
export async function stopWaiting(api: PanelApi, driver: DriverEntry): Promise<boolean> {
  const reply = await api.stopWaiting(registrationOf(driver));
  return reply.ok && reply.value.stopped;
}

function failed(error: DriverFailure): ActionDone {
  return { state: { ...idle, error }, change: null, follow: null };
}

function probed(reply: Reply<'probeDriver'>): ActionDone {
  return reply.ok ? { state: { ...idle, probe: reply.value }, change: null, follow: null } : failed(reply.error);
}

/** Configure… and Install…: what the driver changed itself is a change like the panel's, shown with Undo. */
function driverAnswered(reply: Reply<'configureDriver' | 'installDriver'>): ActionDone {
  if (!reply.ok) return failed(reply.error);
  const { change } = reply.value;
  return { state: { ...idle, result: reply.value }, change: change && { change, note: null }, follow: null };
}

function dialogShown(reply: Reply<'openCodecDialog'>): ActionDone {
  return reply.ok ? { state: { ...idle, dialog: reply.value }, change: null, follow: null } : failed(reply.error);
}

function codecDialog(dialog: CodecDialog): ActionCall {
  return async (api, driver) => dialogShown(await api.openCodecDialog({ ...registrationOf(driver), dialog }));
}

function removed(reply: Reply<'removeDriver'>): ActionDone {
  if (!reply.ok) return failed(reply.error);
  const removal = reply.value;
  return {
    state: { ...idle, removal: removal.removed ? null : removal },
    change: removal.change && { change: removal.change, note: removal.note },
    follow: null,
  };
}

/** Disable and Enable move the registration, which gives it a new entry: the selection goes with it. */
function moved(reply: Reply<'disableDriver' | 'enableDriver'>, driver: DriverEntry, disabled: boolean): ActionDone {
  if (!reply.ok) return failed(reply.error);
  return { state: idle, change: { change: reply.value, note: null }, follow: { alias: driver.alias, view: driver.view, disabled } };
}

export const actionCalls: Record<PanelAction, ActionCall> = {
  retry: async (api, driver) => probed(await api.probeDriver({ ...registrationOf(driver), retry: true })),
  configure: async (api, driver) => driverAnswered(await api.configureDriver(registrationOf(driver))),
  settings: codecDialog('settings'),
  about: codecDialog('about'),
  install: async (api, driver) => driverAnswered(await api.installDriver(registrationOf(driver))),
  remove: async (api, driver) => removed(await api.removeDriver(listedRegistration(driver))),
  disable: async (api, driver) => moved(await api.disableDriver(registrationOf(driver)), driver, true),
  enable: async (api, driver) => moved(await api.enableDriver(registrationOf(driver)), driver, false),
};
