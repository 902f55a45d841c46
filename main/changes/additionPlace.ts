/**
 * Where an added driver goes: the view it is built for, and that view's
 * system folder. Winmm loads only drivers of its own process's architecture,
 * from its own view's Drivers32 and system folder, so an x64 DLL belongs in
 * System32 and the 64-bit view, an x86 one in SysWOW64 and the 32-bit view
 * (WOW6432Node). Pure, so that the decision is unit-tested apart from Windows.
 */
import { win32 } from 'node:path';
import { DriverError } from '../../app/driverError';
import { viewBits, type RegistryView } from '../../app/views';
import { driverOfView } from '../catalog/driverFile';

export interface AdditionPlace {
  view: RegistryView;
  /** The view's system folder, where Winmm finds a driver registered by bare file name. */
  systemDirectory: string;
  /** The file's path there. */
  destination: string;
}

/**
 * The view a driver file is added to: the one it is built for. A view asked
 * for that disagrees is refused before anything is written, naming both,
 * rather than registering a driver that no program of that view could load.
 */
export function additionView(file: string, built: RegistryView, asked: RegistryView | null): RegistryView {
  if (asked === null || asked === built) return built;
  throw new DriverError(
    'invalid-request',
    `${file} is ${driverOfView(built)}; --view ${viewBits(asked)} asks for ${driverOfView(asked)}. Nothing was changed. Add it without --view (it goes where ${built} programs load it), or choose the file built for ${asked} programs.`,
  );
}

/** The file's path in `systemDirectory`: the same name, as the Drivers applet copied drivers. */
export function destinationOf(target: { source: string; systemDirectory: string }): string {
  return win32.join(target.systemDirectory, win32.basename(target.source));
}

/** The view, folder and path a file built for `built` goes to, `asked` being the view the person named, if any. */
export function additionPlace(
  source: string,
  built: RegistryView,
  asked: RegistryView | null,
  systemDirectories: Readonly<Record<RegistryView, string>>,
): AdditionPlace {
  const view = additionView(source, built, asked);
  const systemDirectory = systemDirectories[view];
  return { view, systemDirectory, destination: destinationOf({ source, systemDirectory }) };
}
