/**
 * The structures the host gives a driver for a technician's message
 * (hostProtocol.ts, FilledStructureParam): allocated with room to spare, the
 * size field set (and the index, for a format tag), read back field by field
 * after the call, FourCCs as text and handles as 0x….
 */
import { fourccText } from '../../../app/codecWords';
import type { StructureFields } from '../../../app/drivers';
import { ACMDRIVERDETAILSW, ACMFORMATTAGDETAILSW, ICINFO, decodeStructure, structureBuffer } from '../../win32/codecStructures';
import type { FilledStructureParam } from '../hostProtocol';

const types = { ICINFO, ACMDRIVERDETAILS: ACMDRIVERDETAILSW, ACMFORMATTAGDETAILS: ACMFORMATTAGDETAILSW } as const;
const fourccFields = new Set(['fccType', 'fccHandler', 'fccComp']);
/** ACMFORMATTAGDETAILS.dwFormatTagIndex: after cbStruct. */
const INDEX_OFFSET = 4;

export function filledBuffer(param: FilledStructureParam): Buffer {
  const buffer = structureBuffer(types[param.structure]);
  if (param.structure === 'ACMFORMATTAGDETAILS') buffer.writeUInt32LE(param.index, INDEX_OFFSET);
  return buffer;
}

function fieldValue(name: string, value: unknown): string | number {
  if (typeof value === 'number') return fourccFields.has(name) ? fourccText(value) : value;
  if (typeof value === 'string') return value;
  if (typeof value === 'bigint') return `0x${value.toString(16)}`;
  // Only handles are left (HICON): null, or a pointer koffi could not make a bigint of.
  return value === null ? 'NULL' : 'a handle';
}

export function readFilled(param: FilledStructureParam, buffer: Buffer): StructureFields {
  const decoded = decodeStructure(buffer, types[param.structure]) as Record<string, unknown>;
  return Object.fromEntries(Object.entries(decoded).map(([name, value]) => [name, fieldValue(name, value)]));
}
