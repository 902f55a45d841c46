import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { configurationVerdict, offersConfiguration, readQueryConfigure } from '../../app/configurationAnswers';
import { driverKinds } from '../../app/drivers';
import { answerFor, emptyState, panelStateSchema } from '../../main/state/panelState';
import { INT64_MAX, INT64_MIN, UINT32_MAX } from '../../app/integerRange';

describe('offersConfiguration', () => {
  it('never offers a dialog for 0, whatever the kind (the seeds\' rule)', () => {
    for (const kind of driverKinds) assert.equal(offersConfiguration(kind, 0n), false, kind);
  });

  it("reads a video codec's -1 (ICERR_UNSUPPORTED) as no, also zero-extended from 32 bits, and every other kind's -1 as yes", () => {
    assert.equal(offersConfiguration('vidc', -1n), false);
    assert.equal(offersConfiguration('vidc', BigInt(UINT32_MAX)), false, 'a DriverProc declared to return LONG, in a 64-bit host');
    for (const kind of driverKinds.filter((k) => k !== 'vidc')) assert.equal(offersConfiguration(kind, -1n), true, kind);
  });

  it('reads any other nonzero answer as yes for every kind', () => {
    fc.assert(
      fc.property(fc.constantFrom(...driverKinds), fc.bigInt({ min: INT64_MIN, max: INT64_MAX }).filter((raw) => raw !== 0n && raw !== -1n && raw !== BigInt(UINT32_MAX)), (kind, raw) => {
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

describe('a probe remembered under the earlier reading', () => {
  const file = { path: 'C:\\windows\\system32\\iccvid.dll', size: 1, modified: '2026-11-01T00:00:00.000Z' };
  const remembered = (alias: string) => ({ alias, raw: '-1', configurable: true, loadedPath: file.path, durationMs: 1, at: '2026-11-01T00:00:00.000Z' });
  // Written with the raw records, as state.json from before holds them: not built through withProbes' callers.
  const stateOf = (opening: { opening?: 'loader' }) =>
    panelStateSchema.parse({
      ...emptyState(),
      probes: [
        { id: '64-bit:vidc.cvid', value: 'iccvid.dll', file, probe: remembered('vidc.cvid'), openFailure: null, ...opening },
        { id: '64-bit:msacm.x', value: 'iccvid.dll', file, probe: remembered('msacm.x'), openFailure: null, ...opening },
        { id: '64-bit:fx.x', value: 'iccvid.dll', file, probe: remembered('fx.x'), openFailure: null, ...opening },
      ],
    });

  it('is read again by the rule: a video codec remembered as configurable for its -1 is not', () => {
    const state = stateOf({ opening: 'loader' });
    assert.equal(answerFor(state, '64-bit:vidc.cvid', { alias: 'vidc.cvid', value: 'iccvid.dll' }, file).probe?.configurable, false);
    assert.equal(answerFor(state, '64-bit:msacm.x', { alias: 'msacm.x', value: 'iccvid.dll' }, file).probe?.configurable, true);
  });

  it('of a codec opened without its loader\'s structure is asked again; another driver\'s stands', () => {
    const state = stateOf({});
    assert.deepEqual(answerFor(state, '64-bit:vidc.cvid', { alias: 'vidc.cvid', value: 'iccvid.dll' }, file), { probe: null, openFailure: null });
    assert.deepEqual(answerFor(state, '64-bit:msacm.x', { alias: 'msacm.x', value: 'iccvid.dll' }, file), { probe: null, openFailure: null });
    assert.equal(answerFor(state, '64-bit:fx.x', { alias: 'fx.x', value: 'iccvid.dll' }, file).probe?.raw, '-1');
  });
});
