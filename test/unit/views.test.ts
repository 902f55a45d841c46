/**
 * The registry views, and how the CLI's --view names one: 64 or 32, also
 * spelt 64-bit or 32-bit, in any case, and nothing else.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { NATIVE_VIEW, WOW64_VIEW, otherView, registryViews, viewBits, viewNamed } from '../../app/views';

describe('the registry views', () => {
  it('are the native 64-bit view, first, and the 32-bit view of WOW64', () => {
    assert.deepEqual(registryViews, ['64-bit', '32-bit']);
    assert.equal(NATIVE_VIEW, '64-bit');
    assert.equal(WOW64_VIEW, '32-bit');
  });
});

describe('viewNamed', () => {
  it('takes the bits, with or without -bit, in any case and between spaces', () => {
    assert.equal(viewNamed('64'), '64-bit');
    assert.equal(viewNamed('32'), '32-bit');
    assert.equal(viewNamed('32-BIT'), '32-bit');
    assert.equal(viewNamed(' 64-bit '), '64-bit');
  });

  it('refuses other widths and near misses', () => {
    for (const text of ['', '16', '064', '128', '64bit', '64 bit', 'x64', '-bit', 'wow64', '٣٢']) assert.equal(viewNamed(text), null, text);
  });

  it('names each view by its own name, and answers anything else with a view or null', () => {
    for (const view of registryViews) assert.equal(viewNamed(view), view);
    fc.assert(
      fc.property(fc.string({ maxLength: 20 }), (text) => {
        const view = viewNamed(text);
        assert.ok(view === null || registryViews.includes(view), text);
      }),
    );
  });
});

describe('viewBits and otherView', () => {
  it('name each view as --view takes it, and the view it is not', () => {
    assert.equal(viewBits('64-bit'), '64');
    assert.equal(viewBits('32-bit'), '32');
    for (const view of registryViews) {
      assert.equal(viewNamed(viewBits(view)), view);
      assert.notEqual(otherView(view), view);
      assert.equal(otherView(otherView(view)), view);
    }
  });
});
