/**
 * The window dev:wine opens: Chromium will not start as root with its
 * sandbox on, and these machines run everything as root.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { chromiumLaunch } from '../../scripts/devChromium';

const url = 'http://127.0.0.1:5180/';

describe("dev:wine's Chromium command line", () => {
  it('turns the sandbox off as root, and says so', () => {
    const launch = chromiumLaunch(url, 0);
    assert.ok(launch.args.includes('--no-sandbox'), launch.args.join(' '));
    assert.ok(launch.notes.some((note) => /root/.test(note) && note.includes('--no-sandbox')), `a note on the sandbox in ${JSON.stringify(launch.notes)}`);
  });

  it('keeps the sandbox for any other user, and on Windows (no user id)', () => {
    for (const uid of [1000, undefined]) {
      const launch = chromiumLaunch(url, uid);
      assert.ok(!launch.args.includes('--no-sandbox'), `uid ${uid}: ${launch.args.join(' ')}`);
      assert.deepEqual(launch.notes, []);
    }
  });

  it('opens the panel page as an app window', () => {
    for (const uid of [0, 1000]) assert.ok(chromiumLaunch(url, uid).args.includes(`--app=${url}`));
  });
});
