/**
 * What a driver can change behind the panel's back: before the panel calls a
 * driver that may write (DRV_INSTALL, DRV_REMOVE, DRV_CONFIGURE), every
 * registration of both views, enabled and disabled, and of system.ini is
 * read; afterwards the same places are read again, and what differs is what
 * the driver itself changed (its own registration deleted or rewritten, or
 * another driver's). The journal keeps it, so that undo restores it too.
 */
import { registryViews } from '../../app/views';
import { placeKey, placeOf, sameContent, type Content, type Held, type Place, type Scope } from './changeSteps';
import { heldProblem, type PanelPlaces } from './journalPlaces';
import type { MachineValues } from './machineValues';
import { DRIVERS32_KEY, DRIVERS32_SECTION, disabledKeys, disabledSections } from '../catalog/registrationPlaces';

/** Every key and section a registration can live in. */
export const registrationScopes: readonly Scope[] = [
  ...registryViews.flatMap((view) => [DRIVERS32_KEY, ...Object.values(disabledKeys)].map((key): Scope => ({ where: 'registry', view, key }))),
  ...[DRIVERS32_SECTION, ...Object.values(disabledSections).filter((s) => s !== null)].map((section): Scope => ({ where: 'system.ini', section })),
];

/**
 * Every registration, but those the journal could not name (a system.ini
 * line whose name is not plain ASCII): a snapshot the journal would refuse
 * would set aside the whole journal at its next reading.
 */
export function takeSnapshot(machine: MachineValues, places: PanelPlaces): Held[] {
  return registrationScopes.flatMap((scope) => machine.readAll(scope)).filter((held) => heldProblem(held, places) === null);
}

export interface PlaceChange {
  place: Place;
  before: Content;
  after: Content;
}

/** Each place whose content differs between two snapshots, in the order the places were first seen. */
export function changesBetween(before: readonly Held[], after: readonly Held[]): PlaceChange[] {
  const earlier = new Map(before.map((held) => [placeKey(placeOf(held)), held]));
  const later = new Map(after.map((held) => [placeKey(placeOf(held)), held]));
  const keys = [...new Set([...earlier.keys(), ...later.keys()])];
  return keys.flatMap((key) => {
    const was = earlier.get(key);
    const now = later.get(key);
    const beforeContent = was?.content ?? null;
    const afterContent = now?.content ?? null;
    if (sameContent(beforeContent, afterContent)) return [];
    const place = placeOf((was ?? now) as Held);
    return [{ place, before: beforeContent, after: afterContent }];
  });
}
