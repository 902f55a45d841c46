/** A listed driver as the service hands it on, healthy and fully known unless `extra` says otherwise: the unit tests' one builder of entries. */
import type { DriverEntry } from '../../app/drivers';

export function driverEntry(alias: string, kind: DriverEntry['kind'], extra: Partial<DriverEntry> = {}): DriverEntry {
  return {
    id: `64-bit:${alias}`,
    alias,
    kind,
    file: `${alias}.dll`,
    parameters: null,
    sources: ['registry'],
    view: '64-bit',
    disabledBy: null,
    details: null,
    status: 'ok',
    statusDetail: null,
    openable: true,
    probe: null,
    quarantine: null,
    pending: null,
    revision: 1,
    ...extra,
  };
}
