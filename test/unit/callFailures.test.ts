/**
 * A failed call in words: after Try again, a fault says it happened again and
 * whether where it did before; a query a person stopped waiting for is a hang
 * that quarantines, a dialog they gave up on is not.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { QuarantineRecord } from '../../app/drivers';
import { callFailure, type FailedCall } from '../../main/service/callFailures';

const DRV_QUERYCONFIGURE = 8;
const DRV_CONFIGURE = 7;
const crash: FailedCall = { ok: false, failure: 'crashed', stage: 'message', message: null, exitCode: 0xc0000005, hostWasFresh: true, durationMs: 3 };
const stopped: FailedCall = { ok: false, failure: 'stopped-waiting', stage: 'message', message: null, durationMs: 4000 };
const earlier = (what: QuarantineRecord['what'], stage: QuarantineRecord['stage']): QuarantineRecord => ({
  alias: 'fx.q',
  file: null,
  message: DRV_QUERYCONFIGURE,
  stage,
  what,
  exitCode: null,
  at: '2026-12-01T10:00:00.000Z',
});

describe('callFailure', () => {
  it('says a fault after Try again happened again, and that it is where it was before', () => {
    const error = callFailure('fx.q', DRV_QUERYCONFIGURE, crash, { quarantines: true, earlier: earlier('crashed', 'message') });
    assert.equal(error.code, 'driver-crashed');
    assert.match(error.message, /^fx\.q crashed again in DRV_QUERYCONFIGURE, as before \(exit code 0xC0000005 \(access violation\)\)\. /);
  });

  it('names what the driver did before when it fails elsewhere now', () => {
    const error = callFailure('fx.q', DRV_QUERYCONFIGURE, crash, { quarantines: true, earlier: earlier('not-responding', 'open') });
    assert.match(error.message, /^fx\.q crashed again in DRV_QUERYCONFIGURE \(before, it stopped responding in OpenDriver \(DRV_LOAD, DRV_ENABLE, DRV_OPEN\)\) \(exit code/);
  });

  it('says nothing of before without a lifted quarantine', () => {
    assert.match(callFailure('fx.q', DRV_QUERYCONFIGURE, crash, { quarantines: true }).message, /^fx\.q crashed in DRV_QUERYCONFIGURE \(exit code/);
  });

  it('calls a query a person stopped waiting for a hang that quarantines, a dialog they gave up on not', () => {
    const query = callFailure('fx.q', DRV_QUERYCONFIGURE, stopped, { quarantines: true });
    assert.equal(query.code, 'driver-not-responding');
    assert.match(query.message, /^You stopped waiting for fx\.q in DRV_QUERYCONFIGURE, a question a driver answers at once: it hangs there\. .*does not open fx\.q on its own again/);
    const again = callFailure('fx.q', DRV_QUERYCONFIGURE, stopped, { quarantines: true, earlier: earlier('not-responding', 'message') });
    assert.match(again.message, /^fx\.q hung again in DRV_QUERYCONFIGURE until you stopped waiting, as before\. /);
    const dialog = callFailure('fx.q', DRV_CONFIGURE, stopped, { quarantines: false });
    assert.equal(dialog.code, 'stopped-waiting');
    assert.match(dialog.message, /^You stopped waiting for fx\.q in DRV_CONFIGURE\. /);
  });
});
