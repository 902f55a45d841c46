/** One alias as registered right now, for the decision whether a request may open it. */
import type { FileDetails } from '../../app/drivers';
import { NATIVE_VIEW } from '../../app/views';
import type { MergedRegistration, UnreadableValue } from './driverCatalog';
import { readFileDetails, scanRegistrations } from './driverScanner';

export interface AliasLookup {
  /** The 64-bit registration and its file, if there is one. */
  native: { registration: MergedRegistration; details: FileDetails } | null;
  /** The 64-bit registration of the alias that the panel must not open, if that is what there is. */
  unusable: UnreadableValue | null;
  /** Whether the alias is registered in the 32-bit view only. */
  otherViewOnly: boolean;
}

export function lookupAlias(alias: string): AliasLookup {
  const key = alias.toLowerCase();
  const scan = scanRegistrations();
  // A disabled registration is not one Winmm would load, so it is never opened either.
  const matches = scan.registrations.filter((r) => r.disabledBy === null && r.alias.toLowerCase() === key);
  const native = matches.find((r) => r.view === NATIVE_VIEW);
  const unusable = scan.unreadable.find((u) => u.disabledBy === null && u.view === NATIVE_VIEW && u.alias.toLowerCase() === key) ?? null;
  return {
    native: native ? { registration: native, details: readFileDetails(native.value, native.view) } : null,
    unusable,
    otherViewOnly: !native && !unusable && matches.length > 0,
  };
}
