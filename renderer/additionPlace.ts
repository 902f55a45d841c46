/**
 * Where Add driver… puts a file, in the dialog's words, and which aliases are
 * taken there. A driver goes into the view it is built for (main decides,
 * from the file's machine): an x86 DLL into SysWOW64 and the 32-bit view,
 * where only 32-bit programs find it, so the person sees that before Add.
 */
import type { ChosenDriverFile } from '../app/changes';
import type { DriverEntry } from '../app/drivers';
import { NATIVE_VIEW, WOW64_VIEW, registryViews, type RegistryView } from '../app/views';

/** Every listed alias, enabled or disabled, by view: a suggested alias must be free in the view it goes into. */
export function aliasesByView(drivers: readonly DriverEntry[]): Record<RegistryView, string[]> {
  const byView = Object.fromEntries(registryViews.map((view) => [view, [] as string[]])) as Record<RegistryView, string[]>;
  for (const driver of drivers) byView[driver.view].push(driver.alias);
  return byView;
}

const registryPlaces: Record<RegistryView, string> = {
  [NATIVE_VIEW]: 'Drivers32',
  [WOW64_VIEW]: 'Drivers32 of 32-bit programs (WOW6432Node)',
};

/** "For 32-bit programs: copied to C:\Windows\SysWOW64\zmbv.dll and registered in …"; null for a file that cannot be added. */
export function additionPlace(file: Pick<ChosenDriverFile, 'view' | 'destination'>): string | null {
  if (file.view === null || file.destination === null) return null;
  const machine = file.view === NATIVE_VIEW ? 'x64' : 'x86';
  return `A ${file.view} (${machine}) driver, for ${file.view} programs: copied to ${file.destination} and registered in ${registryPlaces[file.view]}.`;
}

/** How many of the aliases already naming the file are written out; a file of a codec pack may be named by dozens. */
const NAMED_AT_MOST = 3;

/** "fxagain.acm is already registered in the 64-bit view, as msacm.fxagain. …"; null when no alias names it. */
export function alreadyRegistered(file: Pick<ChosenDriverFile, 'name' | 'view' | 'registeredAs' | 'destinationDiffers'>): string | null {
  const { registeredAs: aliases } = file;
  if (file.view === null || aliases.length === 0) return null;
  const more = aliases.length - NAMED_AT_MOST;
  const named = more > 0 ? `${aliases.slice(0, NAMED_AT_MOST).join(', ')} and ${more} more` : aliases.join(', ');
  if (file.destinationDiffers) {
    return `A different ${file.name} is registered in the ${file.view} view, as ${named}. Adding this one would replace that file for them too (Add asks before it replaces anything).`;
  }
  return `${file.name} is already registered in the ${file.view} view, as ${named}. Adding it again registers the same file under one more alias; to change a driver, use its own row.`;
}
