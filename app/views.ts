/**
 * The registry views of Drivers32. 64-bit Windows keeps two: 64-bit programs
 * read one, 32-bit programs (WOW64) the other, and Winmm loads only the drivers
 * of its own process's view. This module alone spells the views out.
 */

/** The panel ships as an x64 program: its own driver host opens the drivers of the 64-bit view. */
export const NATIVE_VIEW = '64-bit';

/** The view of 32-bit programs: their drivers are opened by the panel's 32-bit driver host. */
export const WOW64_VIEW = '32-bit';

export const registryViews = [NATIVE_VIEW, WOW64_VIEW] as const;
export type RegistryView = (typeof registryViews)[number];

const viewsByBits: ReadonlyMap<string, RegistryView> = new Map([
  ['64', NATIVE_VIEW],
  ['32', WOW64_VIEW],
]);

/** How `--view` names a view: 64 or 32. */
export function viewBits(view: RegistryView): string {
  return view === NATIVE_VIEW ? '64' : '32';
}

/** The view a registration is not in, when it is in `view`. */
export function otherView(view: RegistryView): RegistryView {
  return view === NATIVE_VIEW ? WOW64_VIEW : NATIVE_VIEW;
}

/**
 * How the log and the CLI's trace name a registration: by its alias, and a
 * 32-bit one with its view, so that a technician reading a line knows which
 * of a codec's two registrations, and which host, it was about.
 */
export function aliasInView(alias: string, view: RegistryView): string {
  return view === NATIVE_VIEW ? alias : `${alias} (${view})`;
}

/** The CLI's `--view`: 64 or 32, also written 64-bit or 32-bit, in any case; null for anything else. */
export function viewNamed(text: string): RegistryView | null {
  const bits = /^(\d+)(?:-bit)?$/i.exec(text.trim())?.[1];
  return bits === undefined ? null : (viewsByBits.get(bits) ?? null);
}
