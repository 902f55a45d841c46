/**
 * "Did you mean…": the registered alias a person probably meant when what
 * they typed names none, and the command they probably meant when they
 * mistyped one. Pure, so that the CLI and the service say the same.
 */

/**
 * Edit distance, case-insensitive, with two letters swapped as one edit
 * (optimal string alignment): "lsit" is one slip from "list".
 */
export function editDistance(a: string, b: string): number {
  const x = a.toLowerCase();
  const y = b.toLowerCase();
  const d = Array.from({ length: x.length + 1 }, (_, i) => Array.from({ length: y.length + 1 }, (_, j) => (i === 0 ? j : j === 0 ? i : 0)));
  const at = (i: number, j: number): number => d[i]?.[j] ?? 0;
  for (let i = 1; i <= x.length; i++) {
    for (let j = 1; j <= y.length; j++) {
      let best = Math.min(at(i - 1, j) + 1, at(i, j - 1) + 1, at(i - 1, j - 1) + (x[i - 1] === y[j - 1] ? 0 : 1));
      if (i > 1 && j > 1 && x[i - 1] === y[j - 2] && x[i - 2] === y[j - 1]) best = Math.min(best, at(i - 2, j - 2) + 1);
      (d[i] ?? [])[j] = best;
    }
  }
  return at(x.length, y.length);
}

/** The candidates nearest to `typed`, if within a couple of edits (a third of its length at most). */
export function nearest(typed: string, candidates: readonly string[]): string[] {
  const allowed = Math.min(2, Math.floor(typed.length / 3));
  const near = candidates.map((name) => ({ name, distance: editDistance(typed, name) })).filter((c) => c.distance > 0 && c.distance <= allowed);
  const best = Math.min(...near.map((c) => c.distance));
  return near
    .filter((c) => c.distance === best)
    .map((c) => c.name)
    .sort();
}

export interface Registered {
  alias: string;
  /** The registered file name, as Winmm splits it off the value. */
  file: string;
}

/** The file name alone: what a person types who knows the file (imaadp32.acm), not the path it was registered with. */
function baseName(file: string): string {
  return file.split(/[\\/]/).pop() ?? file;
}

/**
 * What to suggest for a name no driver is registered as: the aliases of the
 * file it names (`imaadp32.acm` is msacm.imaadpcm's file), else the aliases
 * a typo away. Empty when nothing is near.
 */
export function aliasSuggestion(typed: string, registered: readonly Registered[]): string {
  const byFile = registered.filter((r) => baseName(r.file).toLowerCase() === baseName(typed).toLowerCase()).map((r) => r.alias);
  if (byFile.length > 0) return ` ${typed} is the file of ${unique(byFile).join(' and ')}: did you mean ${unique(byFile)[0] ?? ''}?`;
  const close = nearest(typed, unique(registered.map((r) => r.alias)));
  return close.length > 0 ? ` Did you mean ${close.slice(0, 3).join(' or ')}?` : '';
}

function unique(names: readonly string[]): string[] {
  return [...new Set(names)];
}
