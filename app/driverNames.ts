/**
 * A driver's names, best first, each with where it comes from: what the codec
 * says of itself (ICM_GETINFO, ACMDM_DRIVER_DETAILS), what its installer
 * wrote of it (drivers.desc, which Windows' own codec lists show, then the
 * codec's MediaResources entry), then its file's version resource, then its
 * alias. Many codecs have no version resource (ZMBV, Xvid, Wine's), so the
 * alias alone hid their names.
 * Without zod at run time: the page's script names drivers too.
 */
import type { DriverEntry } from './drivers';

export const nameSources = ['ICM_GETINFO', 'ACMDM_DRIVER_DETAILS', 'drivers.desc', 'MediaResources', 'version resource', 'alias'] as const;
export type NameSource = (typeof nameSources)[number];

export interface DriverName {
  name: string;
  source: NameSource;
}

type Named = Pick<DriverEntry, 'alias' | 'details' | 'probe'>;

/** What the codec called itself when probed: long name first, then the short one. */
function codecNames(driver: Named): Array<[string | null | undefined, NameSource]> {
  const identity = driver.probe?.identity;
  if (identity?.kind === 'vidc') return [identity.info?.description, identity.info?.name].map((n) => [n, 'ICM_GETINFO']);
  if (identity?.kind === 'acm') return [identity.details?.longName, identity.details?.shortName].map((n) => [n, 'ACMDM_DRIVER_DETAILS']);
  return [];
}

export function driverNames(driver: Named): DriverName[] {
  const found: Array<[string | null | undefined, NameSource]> = [
    ...codecNames(driver),
    [driver.details?.installerDescription, 'drivers.desc'],
    [driver.details?.mediaResource, 'MediaResources'],
    [driver.details?.version.fileDescription, 'version resource'],
    [driver.alias, 'alias'],
  ];
  const names: DriverName[] = [];
  for (const [raw, source] of found) {
    const name = raw?.trim();
    if (name && !names.some((n) => n.name === name)) names.push({ name, source });
  }
  return names;
}

/** The name the list shows. */
export function bestName(driver: Named): string {
  return driverNames(driver)[0]?.name ?? driver.alias;
}

/** The best name a driver has besides its alias; '' when it has none. */
export function describedName(driver: Named): string {
  return driverNames(driver).find((n) => n.source !== 'alias')?.name ?? '';
}
