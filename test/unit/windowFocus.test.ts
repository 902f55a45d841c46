import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { bringToFront, type FocusableWindow } from '../../main/window/windowFocus';

/** A window that records what was done to it and, once destroyed, throws as Electron's does. */
function windowThat(state: { destroyed?: boolean; minimized?: boolean }): FocusableWindow & { calls: string[] } {
  const calls: string[] = [];
  const use = (name: string): void => {
    if (state.destroyed) throw new TypeError('Object has been destroyed');
    calls.push(name);
  };
  return {
    calls,
    isDestroyed: () => state.destroyed === true,
    isMinimized: () => (use('isMinimized'), state.minimized === true),
    restore: () => use('restore'),
    focus: () => use('focus'),
  };
}

describe('a second start of the panel', () => {
  it('restores and focuses the first window', () => {
    const minimized = windowThat({ minimized: true });
    bringToFront(minimized);
    assert.deepEqual(minimized.calls, ['isMinimized', 'restore', 'focus']);
    const shown = windowThat({});
    bringToFront(shown);
    assert.deepEqual(shown.calls, ['isMinimized', 'focus']);
  });

  it('never touches a window that is missing or destroyed', () => {
    assert.doesNotThrow(() => bringToFront(null));
    assert.doesNotThrow(() => bringToFront(windowThat({ destroyed: true, minimized: true })));
  });
});
