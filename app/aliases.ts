/**
 * The one rule on aliases, for every path into a driver: the listing, the
 * background probes, every request and the alias of a driver being added.
 * An alias that looks like a file, or whose part before a space does, could
 * make Winmm load that file instead of the registered driver.
 */
import { DriverError } from './driverError';

export const MAX_ALIAS_LENGTH = 255;

/** Whether a name names a path rather than a bare file the loader searches for. */
export function isPathLike(name: string): boolean {
  return /[\\/:]/.test(name);
}

function lengthProblem(alias: string): string | null {
  if (alias === '') return 'is empty';
  if (alias.length > MAX_ALIAS_LENGTH) return `is longer than ${MAX_ALIAS_LENGTH} characters`;
  return null;
}

function shapeProblem(alias: string): string | null {
  if (isPathLike(alias)) return 'looks like a file path, and Winmm could load that file instead of a registered driver';
  // eslint-disable-next-line no-control-regex -- control characters are exactly what is looked for
  if (/[\s\x00-\x1f\x7f]/.test(alias)) {
    return 'contains a space or a control character, and Winmm could take the part before it for a file name and load that file';
  }
  return null;
}

/** Null when the panel may pass the alias to OpenDriver; else what is wrong, worded to follow the alias ("is empty"). */
export function aliasProblem(alias: string): string | null {
  return lengthProblem(alias) ?? shapeProblem(alias);
}

/**
 * A requested alias, checked before anything is looked up: the alias itself,
 * or an invalid-alias DriverError. A request names a registration, so one of
 * the wrong length is answered with what an alias is.
 */
export function checkAliasShape(alias: unknown): string {
  if (typeof alias !== 'string' || lengthProblem(alias) !== null) {
    throw new DriverError('invalid-alias', `A driver alias is a name of 1 to ${MAX_ALIAS_LENGTH} characters, such as msacm.imaadpcm.`);
  }
  const problem = shapeProblem(alias);
  if (problem) throw new DriverError('invalid-alias', `"${alias}" ${problem}. Only registered driver aliases can be opened.`);
  return alias;
}
