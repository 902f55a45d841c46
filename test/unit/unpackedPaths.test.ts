import assert from 'node:assert/strict';
import { join, sep } from 'node:path';
import { describe, it } from 'node:test';
import { unpackedPath } from '../../main/win32/unpackedPaths';

describe('unpackedPath', () => {
  it('maps a script inside the asar to its unpacked copy and leaves other paths alone', () => {
    const resources = join(sep, 'Program Files', 'Panel', 'resources');
    assert.equal(
      unpackedPath(join(resources, 'app.asar', 'dist', 'main', 'driverHost.js')),
      join(resources, 'app.asar.unpacked', 'dist', 'main', 'driverHost.js'),
    );
    const dev = join(sep, 'src', 'panel', 'dist', 'main', 'driverHost.js');
    assert.equal(unpackedPath(dev), dev);
  });
});
