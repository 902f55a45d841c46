/** One alias as registered right now, for the decision whether a request may open it. */
import type { FileDetails } from '../../app/drivers';
import { NATIVE_VIEW, registryViews, type RegistryView } from '../../app/views';
import type { MergedRegistration, UnreadableValue } from './driverCatalog';
import { noInstallerNames, readFileDetails, scanRegistrations } from './driverScanner';

export interface AliasLookup {
  /** The registration that would be opened, and its file (path and identity: what admission decides by; no installer names), if there is one. */
  found: { registration: MergedRegistration; details: FileDetails } | null;
  /** The registration of the alias that the panel must not open, if that is what there is. */
  unusable: UnreadableValue | null;
}

/**
 * The alias in `view`; without one, the 64-bit registration where there is
 * one, else the 32-bit one, as a technician means "the driver called this".
 */
export function lookupAlias(alias: string, view: RegistryView | null): AliasLookup {
  const key = alias.toLowerCase();
  const scan = scanRegistrations();
  // A disabled registration is not one Winmm would load, so it is never opened either.
  const named = (r: { alias: string; disabledBy: unknown }): boolean => r.disabledBy === null && r.alias.toLowerCase() === key;
  const registrations = scan.registrations.filter(named);
  const unreadable = scan.unreadable.filter(named);
  const views = view ? [view] : registryViews;
  // The first view, in the order above, that has the alias at all: an unreadable 64-bit value is not passed over for a 32-bit one.
  const chosen = views.find((v) => registrations.some((r) => r.view === v) || unreadable.some((u) => u.view === v)) ?? NATIVE_VIEW;
  const registration = registrations.find((r) => r.view === chosen);
  return {
    found: registration ? { registration, details: readFileDetails(registration, noInstallerNames) } : null,
    unusable: unreadable.find((u) => u.view === chosen) ?? null,
  };
}
