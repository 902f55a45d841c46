import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { compare, formatComparison, sidesInOrder, summarise } from '../../bench/benchStats';

describe('bench statistics', () => {
  it('takes the median and range of the runs, whatever their order', () => {
    assert.deepEqual(summarise([30, 10, 20]), { median: 20, min: 10, max: 30, runs: [30, 10, 20] });
    assert.equal(summarise([4, 1, 3, 2]).median, 2.5);
    assert.throws(() => summarise([]));
  });

  it('compares medians, ours over native, and prints one line per figure', () => {
    const c = compare('probe every driver', 200, [2200, 2100, 2140], [1900, 1950, 1880]);
    assert.equal(c.ratio, 2140 / 1900);
    assert.equal(formatComparison(c), 'N=200   probe every driver                             ours 2140 ms (2100–2200)      native 1900 ms (1880–1950)      1.13×');
  });

  it('alternates which side runs first', () => {
    assert.deepEqual([0, 1, 2].map((i) => sidesInOrder(i, 'ours', 'native')[0]), ['native', 'ours', 'native']);
  });
});
