/** The one rule for copies of a driver entry: the higher revision wins, whichever arrives last. */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { driverEntry } from './driverEntry';
import { isNewerEntry, keepNewest, mergeEntries } from '../../renderer/entryRevisions';

const copy = (alias: string, revision: number): ReturnType<typeof driverEntry> => driverEntry(alias, 'acm', { revision });

describe('isNewerEntry', () => {
  it('takes a copy of an entry not held yet, or of a strictly higher revision', () => {
    assert.equal(isNewerEntry(copy('a', 1), undefined), true);
    assert.equal(isNewerEntry(copy('a', 3), copy('a', 2)), true);
    assert.equal(isNewerEntry(copy('a', 2), copy('a', 3)), false);
  });

  it('keeps the copy held when the revisions are equal', () => {
    assert.equal(isNewerEntry(copy('a', 2), copy('a', 2)), false);
  });
});

describe('keepNewest', () => {
  it('holds the newest copy of each id, whichever order they arrive in', () => {
    const latest = new Map([['64-bit:a', copy('a', 5)]]);
    keepNewest(latest, [copy('a', 4), copy('b', 2), copy('b', 7), copy('b', 3), copy('a', 6)]);
    assert.deepEqual([...latest.values()].map((d) => [d.alias, d.revision]), [['a', 6], ['b', 7]]);
  });

  it('keeps the first of two copies with the same revision', () => {
    const first = copy('a', 2);
    const latest = new Map<string, ReturnType<typeof copy>>();
    keepNewest(latest, [first, copy('a', 2)]);
    assert.equal(latest.get('64-bit:a'), first);
  });
});

describe('mergeEntries', () => {
  it('keeps the list\'s order and members: an update for an entry it does not hold is left out', () => {
    const merged = mergeEntries([copy('b', 1), copy('a', 1)], [copy('c', 9), copy('a', 2)]);
    assert.deepEqual(merged.map((d) => [d.alias, d.revision]), [['b', 1], ['a', 2]]);
  });

  it('applies the newest of several updates to one entry, in any order', () => {
    const merged = mergeEntries([copy('a', 1)], [copy('a', 4), copy('a', 3)]);
    assert.deepEqual(merged.map((d) => d.revision), [4]);
  });
});
