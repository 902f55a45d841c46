/** Messages between the driver service and the catalog worker, which does all registry and file reading. */
import type { FileSignature } from '../../app/signatures';
import type { FileDetails, RegistryView } from '../../app/drivers';
import type { MergedRegistration, UnreadableValue } from './driverCatalog';
import type { RegistrationScan } from './driverScanner';

export interface DetailsItem {
  id: string;
  value: string;
  view: RegistryView;
}

/** One alias as registered now, for the decision whether it may be opened. */
export interface AliasLookup {
  /** The 64-bit registration and its file, if there is one. */
  native: { registration: MergedRegistration; details: FileDetails } | null;
  /** The 64-bit registration of the alias that the panel must not open, if that is what there is. */
  unusable: UnreadableValue | null;
  /** Whether the alias is registered in the 32-bit view only. */
  otherViewOnly: boolean;
}

export type CatalogRequest =
  | { id: number; type: 'scan' }
  | { id: number; type: 'lookup'; alias: string }
  | { id: number; type: 'sharers'; alias: string; view: RegistryView }
  | { id: number; type: 'details'; items: DetailsItem[] };

export type CatalogReply =
  | { id: number; type: 'scan'; scan: RegistrationScan }
  | { id: number; type: 'lookup'; lookup: AliasLookup }
  /** The other registrations (enabled or disabled) of the same view whose file is the same file. */
  | { id: number; type: 'sharers'; sharers: string[] }
  /** Details arrive in batches as they are read, without signatures; then the signatures, likewise; the last batch says `done`. */
  | { id: number; type: 'details'; batch: Array<{ id: string; details: FileDetails }>; done: false }
  | { id: number; type: 'signatures'; batch: Array<{ id: string; signature: FileSignature }>; done: boolean }
  | { id: number; type: 'error'; message: string };
