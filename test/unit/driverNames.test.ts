import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { bestName, describedName, driverNames } from '../../app/driverNames';
import { emptyVersion, type DriverEntry } from '../../app/drivers';
import { decodeDescription } from '../../main/catalog/driverCatalog';
import { matchesSearch } from '../../renderer/driverPresentation';
import { driverEntry } from './driverEntry';

function named(installerDescription: string | null, fileDescription: string | null, mediaResource: string | null = null): DriverEntry {
  return driverEntry('vidc.xvid', 'vidc', { details: { path: null, identity: null, created: null, version: { ...emptyVersion, fileDescription }, installerDescription, mediaResource, signature: null, loadProblem: null } });
}

describe('driverNames', () => {
  it("lists what the installer wrote first, then the version resource, then the alias, each with its source", () => {
    assert.deepEqual(driverNames(named('Xvid MPEG-4 Video Codec', 'Xvid VfW', 'Xvid (MediaResources)')), [
      { name: 'Xvid MPEG-4 Video Codec', source: 'drivers.desc' },
      { name: 'Xvid (MediaResources)', source: 'MediaResources' },
      { name: 'Xvid VfW', source: 'version resource' },
      { name: 'vidc.xvid', source: 'alias' },
    ]);
    assert.equal(bestName(named(null, 'Xvid VfW')), 'Xvid VfW');
    assert.equal(bestName(named(null, 'Xvid VfW', 'Xvid MPEG-4 Video Codec')), 'Xvid MPEG-4 Video Codec', 'what the installer wrote comes before the file');
    assert.equal(bestName(named(null, null)), 'vidc.xvid');
    assert.equal(bestName(driverEntry('vidc.xvid', 'vidc')), 'vidc.xvid', 'before its details are read');
    assert.equal(describedName(named(null, null)), '', 'the alias is no description');
  });

  it('lets a search find a driver by any of its names', () => {
    const both = named('Xvid MPEG-4 Video Codec', 'Xvid VfW');
    assert.ok(matchesSearch(both, 'mpeg-4'));
    assert.ok(matchesSearch(both, 'vfw'));
    assert.ok(!matchesSearch(named(null, null), 'mpeg-4'));
  });
});

describe('decodeDescription', () => {
  const text = (s: string): Buffer => Buffer.from(s, 'utf16le');
  it('reads a string value up to its first NUL, trimmed, and nothing else', () => {
    assert.equal(decodeDescription(1, text('Xvid MPEG-4 Video Codec\0')), 'Xvid MPEG-4 Video Codec');
    assert.equal(decodeDescription(2, text(' Cinepak \0junk')), 'Cinepak');
    assert.equal(decodeDescription(1, text('  \0')), null);
    assert.equal(decodeDescription(4, Buffer.alloc(4)), null, 'a DWORD is no description');
  });
});
