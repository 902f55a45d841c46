/**
 * A technician's message as the host sends it: integers as given, and for a
 * catalogue message that takes a structure the host can allocate (ICINFO,
 * ACMDRIVERDETAILS, ACMFORMATTAGDETAILS of an index, a BITMAPINFOHEADER of a
 * FourCC) that structure in place of the pointer.
 */
import type { CatalogueMessage } from '../../app/messageCatalogue';
import { messageStructures } from '../../app/messageCatalogue';
import { DriverError } from '../../app/driverError';
import { formatQuery, type HostParam1, type HostParam2 } from '../host/hostProtocol';
import { integer } from './driverCaller';

/** What fills a structure: the format tag's index, the FourCC of a frame. */
export interface StructureFill {
  index?: number | undefined;
  fourcc?: string | undefined;
}

export interface SentParameters {
  lParam1: HostParam1;
  lParam2: HostParam2;
  /** The structure the driver fills in, to read back; null when it fills none. */
  filled: string | null;
  /** How the codec is opened for it (ICMODE_*), for a format query. */
  mode?: number;
  /** The integers given, which a 32-bit driver must be able to take. */
  integers: bigint[];
}

/** ICINFO is 568 bytes in both architectures; ICM_GETINFO's lParam2 is its size. */
const ICINFO_SIZE = 568n;

export function messageParameters(alias: string, message: CatalogueMessage | null, lParam1: bigint, lParam2: bigint, fill: StructureFill = {}): SentParameters {
  const [structure] = message ? messageStructures(message) : [];
  if (!message || !structure) return { lParam1: integer(lParam1), lParam2: integer(lParam2), filled: null, integers: [lParam1, lParam2] };
  switch (structure.structure) {
    case 'ICINFO':
      return { lParam1: { kind: 'structure', structure: 'ICINFO', index: 0 }, lParam2: integer(ICINFO_SIZE), filled: 'ICINFO', integers: [] };
    case 'ACMDRIVERDETAILS':
      return { lParam1: { kind: 'structure', structure: 'ACMDRIVERDETAILS', index: 0 }, lParam2: integer(lParam2), filled: 'ACMDRIVERDETAILS', integers: [lParam2] };
    case 'ACMFORMATTAGDETAILS':
      return {
        lParam1: { kind: 'structure', structure: 'ACMFORMATTAGDETAILS', index: fill.index ?? 0 },
        lParam2: integer(lParam2),
        filled: 'ACMFORMATTAGDETAILS',
        integers: [lParam2],
      };
    case 'BITMAPINFOHEADER':
      return frames(alias, message, lParam2, fill.fourcc);
  }
}

/** ICM_DECOMPRESS_QUERY: a frame of the FourCC, to any output; ICM_COMPRESS_QUERY: 24-bit RGB to the FourCC. Opened as ICLocate opens for each. */
function frames(alias: string, message: CatalogueMessage, lParam2: bigint, fourcc: string | undefined): SentParameters {
  if (!fourcc) throw new DriverError('invalid-request', `${message.name} asks about a format: give its FourCC (CLI: --fourcc XVID).`, alias);
  const compress = message.name === 'ICM_COMPRESS_QUERY';
  if (!compress && lParam2 !== 0n) {
    throw new DriverError('invalid-request', `${message.name}'s lParam2 is the output format, a pointer: the panel sends NULL (any output), and ${lParam2} cannot be sent in its place.`, alias);
  }
  const { lParam1, lParam2: output, mode } = formatQuery(compress ? 'compress' : 'decompress', fourcc);
  return { lParam1, lParam2: output, filled: null, mode, integers: [] };
}
