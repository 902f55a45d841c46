/** Messages between the driver service and the catalog worker, which reads the driver files. */
import type { FileSignature } from '../../app/signatures';
import type { FileDetails } from '../../app/drivers';
import type { RegistryView } from '../../app/views';

export interface DetailsItem {
  id: string;
  alias: string;
  value: string;
  view: RegistryView;
}

export type CatalogRequest =
  | { id: number; type: 'sharers'; alias: string; view: RegistryView }
  /** `signatures`: check each found file's signature after every file's details. */
  | { id: number; type: 'details'; items: DetailsItem[]; signatures: boolean };

export type CatalogReply =
  /** The other registrations (enabled or disabled) of the same view whose file is the same file. */
  | { id: number; type: 'sharers'; sharers: string[] }
  /** Details arrive in batches as they are read, without signatures; then the signatures, if asked for, likewise; the last batch says `done`. */
  | { id: number; type: 'details'; batch: Array<{ id: string; details: FileDetails }>; done: boolean }
  | { id: number; type: 'signatures'; batch: Array<{ id: string; signature: FileSignature }>; done: boolean }
  | { id: number; type: 'error'; message: string };

/**
 * The worker's first message, once its Win32 bindings are loaded. Ending the
 * thread while koffi loads a DLL aborts the whole process (koffi cannot throw
 * into a thread that is being torn down), so the service waits for this first.
 */
export interface CatalogReady {
  type: 'ready';
}
