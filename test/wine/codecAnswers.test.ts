/**
 * How the panel reads a codec's answers, through the real CLI under Wine: a
 * video codec's ICERR_UNSUPPORTED (-1) to DRV_QUERYCONFIGURE is no, as VfW
 * programs read it (Wine's Cinepak answers so), while any other kind's
 * nonzero is yes; a -1 to DRV_CONFIGURE is "not supported", never "done".
 * In both views: the fixtures' x64 builds in the 64-bit view, their x86
 * builds in the 32-bit one.
 */
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { after, before, beforeEach, describe, it } from 'node:test';
import type { ActionOutcome } from '../../app/changes';
import type { DriverFailure, ProbeResult, SendResult } from '../../app/drivers';
import { registryViews } from '../../app/views';
import { runCli, type CliRun } from './cliRunner';
import { FixtureLog, registerFixtures } from './fixtureRegistry';
import { driveC, startBench, testPrefix, windowsPath, type Bench } from './wineBench';

const DRV_CONFIGURE = 7;

/** A video codec (with an About box) and an ACM codec that answer -1 to everything else the fixture is asked, and a driver that offers a dialog and then answers -1 to it. */
const answers = {
  'vidc.fxun': 'fixture.dll query=-1 configure=-1 about=1',
  'msacm.fxun': 'fixture.dll query=-1 configure=-1',
  'fx.cfgun': 'fixture.dll query=1 configure=-1',
};

describe('a codec that answers -1 (ICERR_UNSUPPORTED), in both views', () => {
  let bench: Bench | undefined;
  const log = new FixtureLog(join(driveC, 'codec-answers-log.jsonl'));
  const stateDir = join(driveC, 'codec-answers-state');

  before(async () => {
    bench = await startBench();
    registerFixtures(testPrefix, bench.env, answers, answers);
  });
  after(() => bench?.stop());
  beforeEach(() => log.clear());

  function cli(...args: string[]): Promise<CliRun> {
    return runCli({ ...bench?.env, WINEPREFIX: testPrefix, FIXTURE_DRIVER_LOG: windowsPath(log.path), DRIVERS_PANEL_STATE_DIR: windowsPath(stateDir) }, args);
  }

  for (const view of registryViews) {
    const v = view.slice(0, 2);

    it(`${view}: a video codec's -1 to DRV_QUERYCONFIGURE is no dialog, and configure refuses without sending DRV_CONFIGURE`, async () => {
      const probe = await cli('probe', 'vidc.fxun', '--view', v, '--json');
      assert.equal(probe.status, 0, probe.stderr);
      const answer = JSON.parse(probe.stdout) as ProbeResult;
      assert.deepEqual([answer.raw, answer.configurable], ['-1', false]);
      const text = await cli('probe', 'vidc.fxun', '--view', v);
      assert.match(text.stdout, /has no configuration dialog \(DRV_QUERYCONFIGURE returned -1, ICERR_UNSUPPORTED/);

      log.clear();
      const configure = await cli('configure', 'vidc.fxun', '--view', v, '--json');
      assert.equal(configure.status, 1, configure.stdout);
      const failure = (JSON.parse(configure.stdout) as { error: DriverFailure }).error;
      assert.equal(failure.code, 'not-configurable');
      assert.match(failure.message, /ICERR_UNSUPPORTED/);
      assert.deepEqual(
        log.lines().filter((l) => l.msg === DRV_CONFIGURE),
        [],
        'the codec is never sent DRV_CONFIGURE',
      );
    });

    it(`${view}: an ACM codec's -1 to DRV_QUERYCONFIGURE is a dialog (nonzero), as Windows' ACM code reads it`, async () => {
      const probe = await cli('probe', 'msacm.fxun', '--view', v, '--json');
      assert.equal(probe.status, 0, probe.stderr);
      const answer = JSON.parse(probe.stdout) as ProbeResult;
      assert.deepEqual([answer.raw, answer.configurable], ['-1', true]);
    });

    it(`${view}: a -1 answer to DRV_CONFIGURE is "not supported" and exit 1, not "done"`, async () => {
      const json = await cli('configure', 'fx.cfgun', '--view', v, '--json');
      assert.equal(json.status, 1, json.stderr);
      const outcome = JSON.parse(json.stdout) as ActionOutcome;
      assert.deepEqual([outcome.result, outcome.raw, outcome.restartRequired], ['unsupported', '-1', false]);
      const text = await cli('configure', 'fx.cfgun', '--view', v);
      assert.equal(text.status, 1);
      assert.match(text.stdout, /^Configure fx\.cfgun: not supported by the driver \(it answered -1/m);
      const sent = log.lines().filter((l) => l.msg === DRV_CONFIGURE);
      assert.equal(sent.length, 2, 'the dialog was asked for twice, once a run');
      assert.ok(sent.every((l) => l.bits === (view === '32-bit' ? 32 : 64)));
    });
  }

  for (const view of registryViews) {
    const v = view.slice(0, 2);

    it(`${view}: send takes a codec's messages by name and reads its answer: 0 from ICM_ABOUT is ICERR_OK, yes`, async () => {
      const run = await cli('send', 'vidc.fxun', 'ICM_ABOUT', '0', '--view', v, '--json');
      assert.equal(run.status, 0, run.stderr);
      const sent = JSON.parse(run.stdout) as SendResult;
      assert.deepEqual([sent.message, sent.messageName, sent.raw, sent.answer], [0x500b, 'ICM_ABOUT', '0', 'ICERR_OK (success: yes, or done)']);
      assert.deepEqual(
        log.lines().filter((l) => l.msg === 0x500b).map((l) => [l.lp1, l.bits]),
        [['0', view === '32-bit' ? 32 : 64]],
        'the codec got ICM_ABOUT with lParam1 0, in the host of its view',
      );
      const text = await cli('send', 'vidc.fxun', 'icm_configure', '-1', '--view', v);
      assert.equal(text.stdout.trim(), 'vidc.fxun answered ICM_CONFIGURE with -1 (0xFFFFFFFFFFFFFFFF): ICERR_UNSUPPORTED (an error: no, or not done).');
    });

    it(`${view}: send refuses a message that takes a structure the panel has none of, and a message of another kind of driver, before anything is loaded`, async () => {
      const state = await cli('send', 'vidc.fxun', 'ICM_GETSTATE', '0', '64', '--view', v, '--json');
      assert.equal(state.status, 2, state.stdout);
      const refused = (JSON.parse(state.stdout) as { error: DriverFailure }).error;
      assert.equal(refused.code, 'message-not-allowed');
      assert.match(refused.message, /^ICM_GETSTATE cannot be sent: lParam1 is a pointer to a buffer for the codec's state, .*the panel has no such structure to give it/);
      const frameless = await cli('send', 'vidc.fxun', 'ICM_DECOMPRESS_QUERY', '--view', v);
      assert.equal(frameless.status, 2);
      assert.match(frameless.stdout + frameless.stderr, /ICM_DECOMPRESS_QUERY asks about a format: give its FourCC \(CLI: --fourcc XVID\)/);
      const pointer = await cli('send', 'vidc.fxun', 'ICM_DECOMPRESS_QUERY', '0', '5', '--fourcc', 'XVID', '--view', v);
      assert.equal(pointer.status, 2);
      assert.match(pointer.stdout + pointer.stderr, /ICM_DECOMPRESS_QUERY's lParam2 is the output format, a pointer: the panel sends NULL \(any output\), and 5 cannot be sent/);
      const own = await cli('send', 'vidc.fxun', 'DRV_CONFIGURE', '--view', v);
      assert.equal(own.status, 2);
      assert.match(own.stdout + own.stderr, /DRV_CONFIGURE cannot be sent from here: .*use Configure… \(drivers-cli configure\)/);
      const wrongKind = await cli('send', 'msacm.fxun', 'ICM_CONFIGURE', '-1', '--view', v);
      assert.equal(wrongKind.status, 2);
      assert.match(wrongKind.stderr, /ICM_CONFIGURE is a message for a video codec \(VfW\); this driver is an audio codec \(ACM\)/);
      assert.deepEqual([...log.lines(), ...log.events()], [], 'no driver was loaded');
    });
  }

  it("Wine's Cinepak (vidc.cvid) answers -1: no dialog, and configure says so instead of \"done (-1)\"", async () => {
    const configure = await cli('configure', 'vidc.cvid', '--json');
    assert.equal(configure.status, 1, configure.stdout);
    const failure = (JSON.parse(configure.stdout) as { error: DriverFailure }).error;
    assert.equal(failure.code, 'not-configurable');
    assert.match(failure.message, /vidc\.cvid has no configuration dialog \(DRV_QUERYCONFIGURE returned -1, ICERR_UNSUPPORTED/);
  });
});
