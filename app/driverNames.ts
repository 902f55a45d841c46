/**
 * A driver's names, best first, each with where it comes from: what its
 * installer wrote of it (drivers.desc, which Windows' own codec lists show,
 * then the codec's MediaResources entry), then its file's version resource,
 * then its alias. Many codecs have no
 * version resource (ZMBV, Xvid, Wine's), so the alias alone hid their names.
 * Without zod at run time: the page's script names drivers too.
 */
import type { DriverEntry } from './drivers';

export const nameSources = ['drivers.desc', 'MediaResources', 'version resource', 'alias'] as const;
export type NameSource = (typeof nameSources)[number];

export interface DriverName {
  name: string;
  source: NameSource;
}

export function driverNames(driver: Pick<DriverEntry, 'alias' | 'details'>): DriverName[] {
  const found: Array<[string | null | undefined, NameSource]> = [
    [driver.details?.installerDescription, 'drivers.desc'],
    [driver.details?.mediaResource, 'MediaResources'],
    [driver.details?.version.fileDescription, 'version resource'],
    [driver.alias, 'alias'],
  ];
  return found.flatMap(([name, source]) => (name ? [{ name, source }] : []));
}

/** The name the list shows. */
export function bestName(driver: Pick<DriverEntry, 'alias' | 'details'>): string {
  return driverNames(driver)[0]?.name ?? driver.alias;
}

/** The best name a driver has besides its alias; '' when it has none. */
export function describedName(driver: Pick<DriverEntry, 'alias' | 'details'>): string {
  return driverNames(driver).find((n) => n.source !== 'alias')?.name ?? '';
}
