/** The bench's arithmetic: a figure's runs as median and range, and ours against native as a ratio of medians. */

export interface Summary {
  median: number;
  min: number;
  max: number;
  runs: number[];
}

export function summarise(runs: readonly number[]): Summary {
  if (runs.length === 0) throw new Error('a figure needs at least one run');
  const sorted = [...runs].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  const median = sorted.length % 2 ? (sorted[middle] ?? 0) : ((sorted[middle - 1] ?? 0) + (sorted[middle] ?? 0)) / 2;
  return { median, min: sorted[0] ?? 0, max: sorted[sorted.length - 1] ?? 0, runs: [...runs] };
}

export interface Comparison {
  figure: string;
  drivers: number;
  ours: Summary;
  native: Summary;
  /** ours / native, of the medians. */
  ratio: number;
}

export function compare(figure: string, drivers: number, ours: readonly number[], native: readonly number[]): Comparison {
  const a = summarise(ours);
  const b = summarise(native);
  return { figure, drivers, ours: a, native: b, ratio: b.median > 0 ? a.median / b.median : Number.NaN };
}

const ms = (value: number): string => (value >= 100 ? value.toFixed(0) : value.toFixed(1));

/** "N=200  probe every driver   ours 2140 ms (2101–2200)  native 1900 ms (1880–1950)  1.13×" */
export function formatComparison(c: Comparison): string {
  const side = (s: Summary): string => `${ms(s.median)} ms (${ms(s.min)}–${ms(s.max)})`.padEnd(24);
  return `N=${String(c.drivers).padEnd(5)} ${c.figure.padEnd(46)} ours ${side(c.ours)} native ${side(c.native)} ${c.ratio.toFixed(2)}×`;
}

/** The order of the two sides in run `index`: alternated, so that neither always runs on a warmer machine. */
export function sidesInOrder<T>(index: number, ours: T, native: T): [T, T] {
  return index % 2 === 0 ? [native, ours] : [ours, native];
}
