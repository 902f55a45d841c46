/**
 * The alias a new driver is registered under, as its kind names them:
 * msacm.<name> for an ACM codec, vidc.<FOURCC> for a VfW codec, and the first
 * free wave, wave1 … wave9 (likewise midi, aux, mixer) for a device driver.
 */

export const addableKinds = ['acm', 'vidc', 'wave', 'midi', 'aux', 'mixer'] as const;
export type AddableKind = (typeof addableKinds)[number];

/** What the file's extension suggests: .acm files are ACM codecs, .drv device drivers, other DLLs video codecs. */
export function kindForFile(fileName: string): AddableKind {
  const extension = fileName.toLowerCase().split('.').pop();
  if (extension === 'acm') return 'acm';
  if (extension === 'drv') return 'wave';
  return 'vidc';
}

function stem(fileName: string): string {
  const base = fileName.replace(/^.*[\\/]/, '').replace(/\.[^.]*$/, '');
  return base.replace(/[^A-Za-z0-9_-]/g, '') || 'driver';
}

/**
 * The first alias of that kind not in `taken` (compared case-insensitively,
 * as Drivers32 compares names). A video codec is named by its FOURCC; the
 * first four letters of the file name stand in until the person types one.
 */
export function suggestAlias(kind: AddableKind, fileName: string, taken: Iterable<string>): string {
  const used = new Set([...taken].map((a) => a.toLowerCase()));
  const free = (candidates: string[]): string => candidates.find((c) => !used.has(c.toLowerCase())) ?? candidates[candidates.length - 1] ?? '';
  switch (kind) {
    case 'acm': {
      const base = `msacm.${stem(fileName).toLowerCase()}`;
      return free([base, ...Array.from({ length: 98 }, (_, i) => `${base}${i + 2}`)]);
    }
    case 'vidc': {
      const base = `vidc.${stem(fileName).slice(0, 4).toUpperCase().padEnd(4, '_')}`;
      return free([base, ...Array.from({ length: 98 }, (_, i) => `${base}${i + 2}`)]);
    }
    default:
      return free([kind, ...Array.from({ length: 9 }, (_, i) => `${kind}${i + 1}`)]);
  }
}

/** How aliases of `kind` are formed, for the alias field's hint. */
export function aliasHint(kind: AddableKind): string {
  const found = 'Applications find the driver by this name in Drivers32.';
  switch (kind) {
    case 'acm':
      return `${found} An audio codec's alias is msacm. and a name of its own, such as msacm.lameacm.`;
    case 'vidc':
      return `${found} A video codec's alias ends in its FOURCC, such as vidc.XVID.`;
    default:
      return `${found} A device driver takes the first free one of ${kind}, ${kind}1 … ${kind}9.`;
  }
}

export function isAddableKind(kind: string): kind is AddableKind {
  return (addableKinds as readonly string[]).includes(kind);
}
