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

/** Starts watching; the returned function stops it (idempotent). Never throws: a watch that cannot run says so through `failed`. */
export function watchRegistrations(events: RegistrationWatchEvents): () => void {
  const stopIni = watchSystemIni(() => events.changed('system.ini'));
  let stopRegistry: () => void = () => undefined;
  try {
    stopRegistry = watchKeys(events);
  } catch (error) {
    events.failed(errorText(error));
  }
  return () => {
    stopIni();
    stopRegistry();
  };
}

/**
 * Both views' Drivers32 keys, their subkeys included. One wait on a thread of
 * Node's pool, for the life of the watch: it holds that thread, one of four.
 */
function watchKeys(events: RegistrationWatchEvents): () => void {
  const opened: WatchedKey[] = [];
  let stopEvent: Handle | null = null;
  let released = false;
  const release = (): void => {
    released = true;
    for (const { key, event } of opened) {
      closeKey(key);
      CloseHandle(event);
    }
    if (stopEvent !== null) CloseHandle(stopEvent);
  };
  try {
    for (const view of registryViews) {
      const key = openLocalMachineKeyToWatch(DRIVERS32_KEY, viewFlags[view]);
      if (key !== null) opened.push({ place: `Drivers32 (${view})`, key, event: createEvent() });
    }
    stopEvent = createEvent();
  } catch (error) {
    release();
    throw error;
  }
  const stop = stopEvent;
  const unarmed = opened.filter(({ key, event }) => !signalNextChange(key, event));
  const keys = opened.filter((k) => !unarmed.includes(k));
  for (const { place } of unarmed) events.failed(`Windows does not report changes of ${place}`);
  if (opened.length === 0) events.failed('neither view\'s Drivers32 key could be opened to be watched');
  let stopped = false;
  const watch = async (): Promise<void> => {
    for (;;) {
      const signalled = keys[await waitForAnyEvent([...keys.map((k) => k.event), stop])];
      if (stopped || !signalled) return;
      // Asked again before anyone is told, so that a change made while the list is read is not missed.
      if (!signalNextChange(signalled.key, signalled.event)) throw new Error(`Windows stopped reporting changes of ${signalled.place}`);
      events.changed(signalled.place);
    }
  };
  void watch()
    .catch((error: unknown) => {
      if (!stopped) events.failed(errorText(error));
    })
    .finally(release);
  return () => {
    if (stopped) return;
    stopped = true;
    // Once released, the wait has ended and its handles are closed: nothing is left to signal.
    if (!released) signalEvent(stop);
  };
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
