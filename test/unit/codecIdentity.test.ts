import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import type { CodecIdentity } from '../../app/codecIdentity';
import { parseCodecQuery } from '../../app/codecQuery';
import { audioSupportWords, formatTagText, fourccText, fourccValue, videoCapabilityWords } from '../../app/codecWords';
import { bestName, driverNames } from '../../app/driverNames';
import { emptyVersion, type DriverEntry } from '../../app/drivers';
import { detailsText } from '../../app/supportReport';
import { codecFields, hasCodecSettings } from '../../renderer/codecPresentation';
import { cellText, matchesSearch } from '../../renderer/driverPresentation';
import { driverEntry } from './driverEntry';

const zmbv: CodecIdentity = {
  kind: 'vidc',
  info: { name: 'ZMBV', description: 'Zipped Motion Block Video v0.1a', type: 'vidc', fourcc: 'ZMBV', flags: 0x0d, version: 1 },
  settings: true,
};
const lame: CodecIdentity = {
  kind: 'acm',
  details: {
    shortName: 'LAME MP3',
    longName: 'LAME MP3 Codec v0.9.2 - 3.100.1',
    copyright: '',
    licensing: '',
    features: '',
    support: 0x1,
    formatTagCount: 2,
    version: 0x00090002,
  },
  formatTags: [
    { tag: 0x55, name: 'MPEG Layer-3' },
    { tag: 0x1, name: 'PCM' },
  ],
};

function probed(alias: string, kind: DriverEntry['kind'], identity: CodecIdentity | null, installerDescription: string | null = null): DriverEntry {
  return driverEntry(alias, kind, {
    details: { path: null, identity: null, created: null, version: emptyVersion, installerDescription, mediaResource: null, signature: null, loadProblem: null },
    probe: { alias, raw: '0', configurable: false, loadedPath: null, identity, durationMs: 1, at: '2026-12-07T00:00:00.000Z' },
  });
}

describe("a codec's own words", () => {
  it('names a codec by what it says of itself first, then by what its installer wrote', () => {
    const entry = probed('vidc.zmbv', 'vidc', zmbv, 'Zip Motion Blocks (drivers.desc)');
    assert.deepEqual(driverNames(entry).map((n) => [n.name, n.source]), [
      ['Zipped Motion Block Video v0.1a', 'ICM_GETINFO'],
      ['ZMBV', 'ICM_GETINFO'],
      ['Zip Motion Blocks (drivers.desc)', 'drivers.desc'],
      ['vidc.zmbv', 'alias'],
    ]);
    assert.equal(bestName(probed('msacm.lame', 'acm', lame)), 'LAME MP3 Codec v0.9.2 - 3.100.1');
    assert.equal(bestName(probed('vidc.x', 'vidc', { kind: 'vidc', info: null, settings: false }, 'Xvid MPEG-4 Video Codec')), 'Xvid MPEG-4 Video Codec');
  });

  it('finds a codec by its FourCC and by its format tags, by number or name', () => {
    const video = probed('vidc.abcd', 'vidc', zmbv);
    const audio = probed('msacm.abcd', 'acm', lame);
    assert.ok(matchesSearch(video, 'zmbv'));
    assert.ok(matchesSearch(video, 'codec settings'));
    assert.ok(matchesSearch(audio, 'mpeg layer-3'));
    assert.ok(matchesSearch(audio, '0x0055'));
    assert.ok(!matchesSearch(video, 'layer-3'));
  });

  it('offers Codec settings… in the list and the details exactly when ICM_CONFIGURE said yes', () => {
    const video = probed('vidc.zmbv', 'vidc', zmbv);
    assert.ok(hasCodecSettings(video));
    assert.equal(cellText(video, 'configurable'), 'Codec settings');
    assert.ok(!hasCodecSettings(probed('vidc.y', 'vidc', { ...zmbv, settings: false })));
    assert.equal(cellText(probed('vidc.y', 'vidc', { ...zmbv, settings: false }), 'configurable'), 'No');
    assert.ok(!hasCodecSettings(probed('msacm.lame', 'acm', lame)));
    assert.deepEqual(codecFields(video).find(([term]) => term === 'FourCC'), ['FourCC', 'ZMBV']);
    assert.deepEqual(codecFields(probed('msacm.lame', 'acm', lame)).find(([term]) => term === 'Format tags'), ['Format tags', '0x0055 MPEG Layer-3; 0x0001 PCM']);
    assert.deepEqual(codecFields(driverEntry('fx.a', 'other')), []);
    assert.deepEqual(codecFields(driverEntry('vidc.new', 'vidc', { pending: 'probe' })), [['Codec', 'Checking…']]);
  });

  it('copies the identity with the message that asked for it', () => {
    const text = detailsText(probed('vidc.zmbv', 'vidc', zmbv), []);
    assert.match(text, /^codec name \(ICM_GETINFO\): Zipped Motion Block Video v0\.1a$/m);
    assert.match(text, /^fourcc: ZMBV$/m);
    assert.match(text, /^codec settings \(ICM_CONFIGURE\): yes$/m);
    assert.match(detailsText(probed('msacm.lame', 'acm', lame), []), /^format tags: 0x0055 MPEG Layer-3; 0x0001 PCM$/m);
  });

  it('reads capability and support flags, the top bit too', () => {
    assert.deepEqual(videoCapabilityWords(0x0d), ['quality', 'temporal (key frames)', 'compress frames']);
    assert.deepEqual(audioSupportWords(0x80000001), ['codec', 'disabled']);
    assert.equal(formatTagText({ tag: 0x11, name: '' }), '0x0011');
  });

  it('shows any FourCC as four printable characters or escapes, and reads back a printable one', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 0xffffffff }), (value) => {
        const text = fourccText(value);
        assert.match(text, /^(?:[\x20-\x7e]|\\x[0-9a-f]{2}){4}$/);
        const printable = [0, 8, 16, 24].every((shift) => ((value >>> shift) & 0xff) >= 0x20 && ((value >>> shift) & 0xff) < 0x7f);
        if (printable) assert.equal(fourccValue(text), value);
      }),
    );
    assert.equal(fourccText(0x63646976), 'vidc');
  });
});

describe('parseCodecQuery', () => {
  it('reads a number as a format tag, up to four characters as a FourCC (and a tag name), anything longer as a tag name', () => {
    assert.deepEqual(parseCodecQuery(' 0x55 '), { text: '0x55', fourcc: null, tag: 0x55, tagName: null });
    assert.deepEqual(parseCodecQuery('85'), { text: '85', fourcc: null, tag: 85, tagName: null });
    assert.deepEqual(parseCodecQuery('PCM'), { text: 'PCM', fourcc: 'PCM ', tag: null, tagName: 'PCM' });
    assert.deepEqual(parseCodecQuery('XVID'), { text: 'XVID', fourcc: 'XVID', tag: null, tagName: 'XVID' });
    assert.deepEqual(parseCodecQuery('MPEG Layer-3'), { text: 'MPEG Layer-3', fourcc: null, tag: null, tagName: 'MPEG Layer-3' });
    for (const refused of ['', '   ', '0x10000', '70000', 'é', 'x'.repeat(65)]) assert.equal(parseCodecQuery(refused), null, refused);
  });
});
