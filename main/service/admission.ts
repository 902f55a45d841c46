/**
 * Which requests may reach the driver host. OpenDriver would also load any DLL
 * given by path, so only an alias registered right now is ever opened, and a
 * path or an unregistered name never reaches Winmm.
 */
import type { FileIdentity, QuarantineRecord } from '../../app/drivers';
import type { RegistryView } from '../../app/views';
import { describeQuarantine } from '../../app/faults';
import { DriverError } from '../../app/driverError';
import { aliasSuggestion } from '../../app/nearestNames';
import { checkAliasShape } from '../../app/aliases';
import { driverId, missingFileDetail, splitRegisteredValue } from '../catalog/driverCatalog';
import type { CatalogReader } from '../catalog/catalogReader';
import { quarantineFor, withoutQuarantine } from '../state/panelState';
import type { StateKeeper } from '../state/stateKeeper';

/** A driver the panel may open for a request, as registered and found right now. */
export interface Admitted {
  id: string;
  alias: string;
  /** Whose host opens it: the 64-bit host or the 32-bit one. */
  view: RegistryView;
  value: string;
  file: FileIdentity | null;
  /** The quarantine a person lifted to try again: a fault now is the same fault again. */
  lifted?: QuarantineRecord | null;
  /** A REG_EXPAND_SZ value this machine's Winmm opens as written (MergedRegistration.unexpanded). */
  unexpanded?: string;
}

export interface AdmitOptions {
  /** The view the request names; without one, the 64-bit registration, else the 32-bit one. */
  view?: RegistryView | null;
  /** A person asked to try again: the quarantine is lifted first. */
  retry?: boolean;
  /** The technician's own message reaches a quarantined driver too. */
  allowQuarantined?: boolean;
}

/**
 * The one rule for every request that reaches a driver host: the alias
 * must be registered right now in the view asked for, its file must be there,
 * and it must not be quarantined (unless the technician sends their own
 * message, or a person asked to try again: then `lifted` hears of it).
 * Otherwise a typed error, and nothing is loaded.
 */
export async function admit(
  parts: { catalog: CatalogReader; state: StateKeeper },
  alias: unknown,
  options: AdmitOptions,
  lifted: (admitted: Admitted, was: QuarantineRecord | null) => void,
): Promise<Admitted> {
  const name = checkAliasShape(alias);
  const view = options.view ?? null;
  const { found, unusable } = await parts.catalog.lookup(name, view);
  if (unusable) throw new DriverError('unreadable-value', `${unusable.alias}: ${unusable.reason}`, unusable.alias);
  if (!found) {
    const where = view ? ` for ${view} programs` : '';
    const registered = (await parts.catalog.scan()).registrations.filter((r) => !view || r.view === view);
    const suggestion = aliasSuggestion(name, registered.map((r) => ({ alias: r.alias, file: splitRegisteredValue(r.value).file })));
    throw new DriverError('unknown-alias', `No installed driver is registered as "${name}"${where}.${suggestion}`, name);
  }
  const { registration, details } = found;
  if (!details.path) {
    throw new DriverError('missing-file', missingFileDetail(splitRegisteredValue(registration.value).file, registration.view), registration.alias);
  }
  const id = driverId(registration.view, registration.alias, registration.disabledBy);
  const admitted: Admitted = {
    id,
    alias: registration.alias,
    view: registration.view,
    value: registration.value,
    file: details.identity,
    ...(registration.unexpanded === undefined ? {} : { unexpanded: registration.unexpanded }),
  };
  if (options.retry) {
    const was = quarantineFor(parts.state.current, id, details.identity);
    await parts.state.record((state) => withoutQuarantine(state, id));
    lifted(admitted, was);
    return { ...admitted, lifted: was };
  }
  const quarantine = quarantineFor(await parts.state.refresh(), id, details.identity);
  if (quarantine && !options.allowQuarantined) throw new DriverError('quarantined', `${registration.alias}: ${describeQuarantine(quarantine)}`, registration.alias);
  return admitted;
}
