/**
 * What removing, disabling and enabling a registration writes, planned against
 * the machine as it is: each registration is a registry value (in one view)
 * and, in the native view, possibly a system.ini line too; both move or go
 * together, since Winmm falls back to system.ini when the registry has no value.
 */
import { disablers, type Disabler } from '../../app/drivers';
import { NATIVE_VIEW, otherView, viewBits, type RegistryView } from '../../app/views';
import { DriverError } from '../../app/driverError';
import type { PlannedChange } from './changeJournal';
import { describePlace, type Place } from './changeSteps';
import { storedIniName, storedRegistryName, type MachineValues } from './machineValues';
import { describeDisabled, describeDisabledPlace, keyFor, sectionFor } from '../catalog/registrationPlaces';

export interface RegistrationTarget {
  alias: string;
  view: RegistryView;
  /** Null for a registration Winmm reads; else the tool that disabled it. */
  disabledBy: Disabler | null;
}

/** The registry value and system.ini line of a registration, by their stored names. */
export function placesOf({ alias, view, disabledBy }: RegistrationTarget): Place[] {
  const places: Place[] = [];
  const key = keyFor(disabledBy);
  const name = storedRegistryName(view, key, alias);
  if (name !== null) places.push({ where: 'registry', view, key, name });
  const section = view === NATIVE_VIEW ? sectionFor(disabledBy) : null;
  const line = section ? storedIniName(section, alias) : null;
  if (section && line !== null) places.push({ where: 'system.ini', section, name: line });
  return places;
}

/** Who disabled `alias` in `view`: this panel first, else Sysinternals Autoruns; null when neither did. */
export function disablerOf(target: Omit<RegistrationTarget, 'disabledBy'>): Disabler | null {
  return disablers.find((disabledBy) => placesOf({ ...target, disabledBy }).length > 0) ?? null;
}

function describe(target: RegistrationTarget): string {
  return `${target.alias} (${target.view})`;
}

function existing(target: RegistrationTarget): Place[] {
  const places = placesOf(target);
  if (places.length === 0) {
    const which = target.disabledBy ? `disabled by ${target.disabledBy === 'panel' ? 'this panel' : 'Autoruns'}` : 'registered';
    const elsewhere = inOtherView(target, (other) => placesOf(other).length > 0) ?? ' Refresh the list.';
    throw new DriverError('unknown-alias', `No driver ${which} as "${target.alias}" in the ${target.view} view.${elsewhere}`, target.alias);
  }
  return places;
}

/**
 * A change names its view (the CLI's is the native one unless told), so an
 * alias registered only in the other view is refused; the refusal says where
 * it is, since 32-bit-only codecs are common and "not registered" would send
 * the person looking for a driver that is there. Null when it is not there either.
 */
function inOtherView<T extends { alias: string; view: RegistryView }>(target: T, isThere: (other: T) => boolean): string | null {
  const other = otherView(target.view);
  return isThere({ ...target, view: other }) ? ` It is in the ${other} view: name that view (CLI: --view ${viewBits(other)}).` : null;
}

/** The same registration moved to where `disabledBy` keeps it (null: where Winmm reads it). */
function movedPlace(place: Place, disabledBy: Disabler | null): Place | null {
  if (place.where === 'registry') return { ...place, key: keyFor(disabledBy) };
  if (place.where !== 'system.ini') return null;
  const section = sectionFor(disabledBy);
  return section ? { ...place, section } : null;
}

export function planRemoval(target: RegistrationTarget) {
  return (): PlannedChange => {
    const places = existing(target);
    return {
      kind: 'remove',
      alias: target.alias,
      view: target.view,
      summary: `Remove ${describe(target)}: delete ${places.map(describePlace).join(' and ')}`,
      writes: places.map((place) => ({ place, after: null })),
    };
  };
}

/** Moves every place of the registration from `from` to `to`, refusing to overwrite anything already at the destination. */
function planMove(target: RegistrationTarget, to: Disabler | null, kind: 'disable' | 'enable') {
  return (machine: MachineValues): PlannedChange => {
    const writes: PlannedChange['writes'] = [];
    for (const place of existing(target)) {
      const destination = movedPlace(place, to);
      if (!destination) {
        throw new DriverError('change-conflict', `${describe(target)} is registered in ${describePlace(place)}, which the panel cannot ${kind}.`, target.alias);
      }
      if (machine.read(destination) !== null) {
        throw new DriverError(
          'change-conflict',
          `${describe(target)} cannot be ${kind}d: ${describePlace(destination)} already exists, and the panel never overwrites a registration. Remove one of the two first.`,
          target.alias,
        );
      }
      // Copied first, deleted second: an interruption between the two loses nothing.
      writes.push({ place: destination, after: machine.read(place) }, { place, after: null });
    }
    const summary =
      kind === 'disable'
        ? `Disable ${describe(target)}: move it to ${describeDisabledPlace('panel')}`
        : `Enable ${describe(target)}${target.disabledBy === 'autoruns' ? ', disabled by Sysinternals Autoruns' : ''}: move it back to Drivers32`;
    return { kind, alias: target.alias, view: target.view, summary, writes };
  };
}

export function planDisable(target: Omit<RegistrationTarget, 'disabledBy'>) {
  return planMove({ ...target, disabledBy: null }, 'panel', 'disable');
}

export function planEnable(target: RegistrationTarget & { disabledBy: Disabler }) {
  return planMove(target, null, 'enable');
}

/** Who disabled the registration (this panel first, else Autoruns), or a refusal that says neither did. */
export function disabledSomewhere(target: Omit<RegistrationTarget, 'disabledBy'>): Disabler {
  const disabledBy = disablerOf(target);
  if (disabledBy) return disabledBy;
  const elsewhere = inOtherView(target, (other) => disablerOf(other) !== null) ?? ' Run "list" to see the disabled drivers.';
  throw new DriverError(
    'unknown-alias',
    `No driver is disabled as "${target.alias}" in the ${target.view} view, by this panel or by Sysinternals Autoruns.${elsewhere}`,
    target.alias,
  );
}

/**
 * An alias that is only disabled is not where Winmm looks: say where it is and
 * how to remove it there, rather than that no such driver is registered.
 */
export function refuseDisabledOnly(target: RegistrationTarget): void {
  if (placesOf(target).length > 0) return;
  const disabledBy = disablerOf(target);
  if (!disabledBy) return;
  throw new DriverError(
    'unknown-alias',
    `${target.alias} is not registered where Winmm looks. ${describeDisabled(disabledBy)} To remove it instead, remove the disabled registration (CLI: remove ${target.alias}${target.view === NATIVE_VIEW ? '' : ` --view ${viewBits(target.view)}`} --disabled).`,
    target.alias,
  );
}
