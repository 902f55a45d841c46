import assert from 'node:assert/strict';
import { join, sep } from 'node:path';
import { describe, it } from 'node:test';
import { unpackedPath } from '../../main/drivers/childHostLauncher';
import { describeExitCode } from '../../app/faults';

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

describe('describeExitCode', () => {
  it('shows fault codes as NTSTATUS hex with their meaning, and small codes in decimal', () => {
    assert.equal(describeExitCode(3221225477), '0xC0000005 (access violation)');
    assert.equal(describeExitCode(-1073741819), '0xC0000005 (access violation)');
    assert.equal(describeExitCode(0xc0000135), '0xC0000135');
    assert.equal(describeExitCode(1), '1');
    assert.equal(describeExitCode(null), 'an unknown exit code');
  });
});
