/**
 * Notices when the places registrations are read from change under the panel:
 * `drivers-cli`, Autoruns or an installer disabling, adding or removing a
 * driver while the panel is open. Windows signals an event at the next change
 * of a watched key (its disabled subkeys included); the wait for those events
 * runs on a thread of Node's pool, so the panel's own thread never blocks.
 * system.ini has no such signal that is not also every other file of the
 * Windows folder, so its time and size are looked at once a second.
 */
import { unwatchFile, watchFile, type Stats } from 'node:fs';
import { join } from 'node:path';
import { registryViews, type RegistryView } from '../../app/views';
import { closeKey, openLocalMachineKeyToWatch, signalNextChange, viewFlags } from '../win32/advapi32';
import { CloseHandle, createEvent, signalEvent, waitForAnyEvent, windowsDirectory } from '../win32/kernel32';
import type { Handle } from '../win32/win32Types';
import { errorText } from '../../app/errorText';
import { DRIVERS32_KEY, SYSTEM_INI } from './registrationPlaces';

/** Where a change was seen, in words a log line can carry. */
export type WatchedPlace = `Drivers32 (${RegistryView})` | 'system.ini';

export interface RegistrationWatchEvents {
  changed(place: WatchedPlace): void;
  /** The watch ended on its own: changes made elsewhere show only after a refresh. */
  failed(reason: string): void;
}

const SYSTEM_INI_POLL_MS = 1000;

interface WatchedKey {
  place: WatchedPlace;
  key: Handle;
  event: Handle;
}

/** Starts watching; the returned function stops it (idempotent). */
export function watchRegistrations(events: RegistrationWatchEvents): () => void {
  const keys = registryViews.flatMap((view) => watchedKey(view) ?? []);
  const stopEvent = createEvent();
  let stopped = false;
  const release = (): void => {
    for (const { key, event } of keys) {
      closeKey(key);
      CloseHandle(event);
    }
    CloseHandle(stopEvent);
  };
  const waitOnce = async (): Promise<void> => {
    const index = await waitForAnyEvent([...keys.map((k) => k.event), stopEvent]);
    const signalled = keys[index];
    if (stopped || !signalled) return;
    // Asked again before anyone is told, so that a change made while the list is read is not missed.
    if (!signalNextChange(signalled.key, signalled.event)) throw new Error(`Windows stopped reporting changes of ${signalled.place}`);
    events.changed(signalled.place);
    return waitOnce();
  };
  const unarmed = keys.find(({ key, event }) => !signalNextChange(key, event));
  if (unarmed) events.failed(`Windows does not report changes of ${unarmed.place}`);
  void waitOnce()
    .catch((error: unknown) => {
      if (!stopped) events.failed(errorText(error));
    })
    .finally(release);
  const stopIni = watchSystemIni(() => events.changed('system.ini'));
  return () => {
    if (stopped) return;
    stopped = true;
    stopIni();
    signalEvent(stopEvent);
  };
}

function watchedKey(view: RegistryView): WatchedKey | null {
  const key = openLocalMachineKeyToWatch(DRIVERS32_KEY, viewFlags[view]);
  return key === null ? null : { place: `Drivers32 (${view})`, key, event: createEvent() };
}

function watchSystemIni(changed: () => void): () => void {
  const folder = windowsDirectory();
  if (folder === null) return () => undefined;
  const file = join(folder, SYSTEM_INI);
  const listener = (current: Stats, previous: Stats): void => {
    if (current.mtimeMs !== previous.mtimeMs || current.size !== previous.size) changed();
  };
  watchFile(file, { interval: SYSTEM_INI_POLL_MS, persistent: false }, listener);
  return () => unwatchFile(file, listener);
}
