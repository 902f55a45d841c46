/** Where the report's overview may wrap a value: after separators, and inside overlong runs only. */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { breakPoints } from '../../main/reports/breakable';

describe('breakPoints', () => {
  it('keeps words whole and lets paths, aliases and versions wrap after their separators', () => {
    assert.deepEqual(breakPoints('acm'), ['acm']);
    assert.deepEqual(breakPoints('configurable'), ['configurable']);
    assert.deepEqual(breakPoints('msacm.imaadpcm'), ['msacm.', 'imaadpcm']);
    assert.deepEqual(breakPoints('C:\\windows\\system32\\fixture.dll'), ['C:\\', 'windows\\', 'system32\\', 'fixture.', 'dll']);
    assert.deepEqual(breakPoints('missing-file'), ['missing-', 'file']);
    assert.deepEqual(breakPoints('Drivers Panel Test Bench'), ['Drivers ', 'Panel ', 'Test ', 'Bench'], 'a space is no reason to cut a word');
  });

  it('lets an overlong run without any separator wrap anywhere, so that no value can make the table wider than the page', () => {
    assert.deepEqual(breakPoints('x'.repeat(17)), Array<string>(17).fill('x'));
    assert.deepEqual(breakPoints(`fx.${'w'.repeat(20)}`), ['fx.', ...Array<string>(20).fill('w')]);
    assert.deepEqual(breakPoints('sixteen-is-whole.abcdefghijklmnop'), ['sixteen-', 'is-', 'whole.', 'abcdefghijklmnop']);
    assert.deepEqual(breakPoints(''), []);
  });
});
