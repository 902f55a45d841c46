import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { configurationVerdict, offersConfiguration, readQueryConfigure } from '../../app/configurationAnswers';
import { driverKinds } from '../../app/drivers';
import { INT64_MAX, INT64_MIN } from '../../app/integerRange';

describe('offersConfiguration', () => {
  it('never offers a dialog for 0, whatever the kind (the seeds\' rule)', () => {
    for (const kind of driverKinds) assert.equal(offersConfiguration(kind, 0n), false, kind);
  });

  it("reads a video codec's -1 (ICERR_UNSUPPORTED) as no, and every other kind's -1 as yes", () => {
    assert.equal(offersConfiguration('vidc', -1n), false);
    for (const kind of driverKinds.filter((k) => k !== 'vidc')) assert.equal(offersConfiguration(kind, -1n), true, kind);
  });

  it('reads any other nonzero answer as yes for every kind', () => {
    fc.assert(
      fc.property(fc.constantFrom(...driverKinds), fc.bigInt({ min: INT64_MIN, max: INT64_MAX }).filter((raw) => raw !== 0n && raw !== -1n), (kind, raw) => {
        assert.equal(offersConfiguration(kind, raw), true);
      }),
    );
  });
});

describe('configurationVerdict', () => {
  it('names the answer, and what a video codec\'s -1 means', () => {
    assert.equal(configurationVerdict('vidc.cvid', '-1'), 'has no configuration dialog (DRV_QUERYCONFIGURE returned -1, ICERR_UNSUPPORTED: a video codec\'s "not supported")');
    assert.equal(configurationVerdict('msacm.imaadpcm', '-1'), 'has a configuration dialog (DRV_QUERYCONFIGURE returned -1)');
    assert.equal(configurationVerdict('vidc.mrle', '0'), 'has no configuration dialog (DRV_QUERYCONFIGURE returned 0)');
    assert.deepEqual(readQueryConfigure('VIDC.XVID', '1'), { offers: true, meaning: null });
  });
});
