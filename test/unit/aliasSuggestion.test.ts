import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { kindForFile, suggestAlias, aliasHint } from '../../app/aliasSuggestion';

describe('suggestAlias', () => {
  it('names ACM codecs msacm.<file>, video codecs vidc.<FOURCC>, device drivers by the first free number', () => {
    assert.equal(suggestAlias('acm', 'C:\\x\\L3Codecx.ACM', []), 'msacm.l3codecx');
    assert.equal(suggestAlias('vidc', 'xvidvfw.dll', []), 'vidc.XVID');
    assert.equal(suggestAlias('vidc', 'a.dll', []), 'vidc.A___');
    assert.equal(suggestAlias('wave', 'sb16.drv', ['wave', 'WAVE1', 'midi']), 'wave2');
    assert.equal(suggestAlias('midi', 'sb16.drv', ['wave']), 'midi');
  });

  it('never suggests a taken alias while a free one exists', () => {
    assert.equal(suggestAlias('acm', 'imaadp32.acm', ['msacm.imaadp32', 'MSACM.IMAADP322']), 'msacm.imaadp323');
    assert.equal(suggestAlias('vidc', 'xvid.dll', ['vidc.xvid']), 'vidc.XVID2');
  });

  it('guesses the kind from the extension', () => {
    assert.deepEqual(['x.acm', 'x.drv', 'x.dll', 'x'].map(kindForFile), ['acm', 'wave', 'vidc', 'vidc']);
  });
});

describe('aliasHint', () => {
  it("speaks of the kind's own aliases: no FourCC for an audio codec or a device", () => {
    assert.match(aliasHint('acm'), /msacm\. and a name of its own/);
    assert.doesNotMatch(aliasHint('acm'), /FOURCC/);
    assert.match(aliasHint('vidc'), /ends in its FOURCC, such as vidc\.XVID/);
    assert.match(aliasHint('wave'), /the first free one of wave, wave1 … wave9/);
  });
});
