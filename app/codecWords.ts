/**
 * A codec's identity in words: FourCCs, capability and support flags, format
 * tags. Without zod: the page's script shows and searches them.
 */
import type { CodecIdentity } from './codecIdentity';

/** A FOURCC's four characters, low byte first; a byte outside printable ASCII is shown as \xNN. */
export function fourccText(value: number): string {
  return [0, 8, 16, 24]
    .map((shift) => (value >>> shift) & 0xff)
    .map((byte) => (byte >= 0x20 && byte < 0x7f ? String.fromCharCode(byte) : `\\x${byte.toString(16).padStart(2, '0')}`))
    .join('');
}

/** A FOURCC from its characters, low byte first ('vidc' is 0x63646976); padded with spaces, as FourCCs shorter than four are. */
export function fourccValue(text: string): number {
  const padded = text.slice(0, 4).padEnd(4, ' ');
  return [0, 1, 2, 3].reduce((value, i) => value + (padded.charCodeAt(i) & 0xff) * 2 ** (8 * i), 0);
}

/** ICINFO.dwFlags (vfw.h VIDCF_*), in the words a video program's codec list uses. */
const videoCapabilities: ReadonlyArray<[number, string]> = [
  [0x0001, 'quality'],
  [0x0002, 'crunch (compress to a size)'],
  [0x0004, 'temporal (key frames)'],
  [0x0008, 'compress frames'],
  [0x0010, 'draw'],
  [0x0020, 'fast temporal compression'],
  [0x0080, 'fast temporal decompression'],
  [0x0040, 'quality over time'],
];

/** ACMDRIVERDETAILS.fdwSupport (msacm.h ACMDRIVERDETAILS_SUPPORTF_*). */
const audioSupport: ReadonlyArray<[number, string]> = [
  [0x0001, 'codec'],
  [0x0002, 'converter'],
  [0x0004, 'filter'],
  [0x0008, 'hardware'],
  [0x0010, 'asynchronous'],
  [0x40000000, 'local'],
  [0x80000000, 'disabled'],
];

function flagWords(flags: number, table: ReadonlyArray<[number, string]>): string[] {
  return table.filter(([bit]) => (flags & bit) >>> 0 === bit).map(([, word]) => word);
}

export function videoCapabilityWords(flags: number): string[] {
  return flagWords(flags, videoCapabilities);
}

export function audioSupportWords(support: number): string[] {
  return flagWords(support, audioSupport);
}

/** "0x0055 MPEG Layer-3" */
export function formatTagText(tag: { tag: number; name: string }): string {
  const number = `0x${tag.tag.toString(16).toUpperCase().padStart(4, '0')}`;
  return tag.name ? `${number} ${tag.name}` : number;
}

/** A version packed as 0xMMmmBBBB (ACM) in the usual dotted form. */
export function acmVersionText(version: number): string {
  return `${(version >>> 24) & 0xff}.${(version >>> 16) & 0xff}.${version & 0xffff}`;
}

/** What the codec calls itself, best first: a video codec's description then its short name; an audio codec's long then short name. */
export function codecOwnNames(identity: CodecIdentity | null | undefined): string[] {
  if (!identity) return [];
  const names = identity.kind === 'vidc' ? [identity.info?.description, identity.info?.name] : [identity.details?.longName, identity.details?.shortName];
  return names.filter((n): n is string => Boolean(n && n.trim())).map((n) => n.trim());
}

/** Every text a person might search a codec by: its own names, its FourCC, its format tags (number and name). */
export function codecSearchTexts(identity: CodecIdentity | null | undefined): string[] {
  if (!identity) return [];
  if (identity.kind === 'vidc') return [...codecOwnNames(identity), identity.info?.fourcc ?? ''].filter(Boolean);
  return [...codecOwnNames(identity), ...identity.formatTags.map(formatTagText)];
}
