/**
 * What kind of driver an alias names. Without zod, so that the page's script,
 * which reads answers by kind, does not carry it (zod compiles its checks with
 * `new Function`, which the panel's Content-Security-Policy forbids).
 */
export const driverKinds = ['acm', 'vidc', 'wave', 'midi', 'aux', 'mixer', 'other'] as const;
export type DriverKind = (typeof driverKinds)[number];

const numberedKinds: readonly DriverKind[] = ['wave', 'midi', 'aux', 'mixer'];

/**
 * The kind of a Drivers32 alias: `msacm.*` are ACM codecs, `vidc.*` VfW codecs,
 * and `wave`, `wave1` … `wave9` (likewise midi, aux, mixer) the legacy device
 * drivers. The wave and MIDI mappers are wave and MIDI drivers too.
 */
export function classifyAlias(alias: string): DriverKind {
  const lower = alias.toLowerCase();
  if (lower.startsWith('msacm.')) return 'acm';
  if (lower.startsWith('vidc.')) return 'vidc';
  if (lower === 'wavemapper') return 'wave';
  if (lower === 'midimapper') return 'midi';
  const numbered = /^([a-z]+)\d*$/.exec(lower);
  const kind = numbered ? numberedKinds.find((k) => k === numbered[1]) : undefined;
  return kind ?? 'other';
}

/** A driver of each kind, in words a sentence can hold ("this driver is an audio codec (ACM)"). */
export const kindNouns: Record<DriverKind, string> = {
  acm: 'audio codec (ACM)',
  vidc: 'video codec (VfW)',
  wave: 'wave device driver',
  midi: 'MIDI device driver',
  aux: 'auxiliary audio driver',
  mixer: 'mixer driver',
  other: 'driver of no codec or device kind',
};

export function withArticle(noun: string): string {
  return `${/^[aeiou]/i.test(noun) ? 'an' : 'a'} ${noun}`;
}
