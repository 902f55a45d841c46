/**
 * Who a codec says it is, asked in the driver host the way its own loader
 * asks, through the real CLI under Wine: a video codec opened with an ICOPEN
 * (type vidc, the handler from its alias) and asked ICM_GETINFO and
 * ICM_CONFIGURE's query; an audio codec opened with an ACMDRVOPENDESC and
 * asked ACMDM_DRIVER_DETAILS and its format tags. Never an About query,
 * which some codecs answer with their dialog. In both views, with fixtures
 * that behave as the real codecs do, and with Wine's own codecs.
 */
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { after, before, beforeEach, describe, it } from 'node:test';
import type { DriverFailure, DriverListing, ProbeResult } from '../../app/drivers';
import { registryViews, type RegistryView } from '../../app/views';
import { runCli, type CliRun } from './cliRunner';
import { FixtureLog, registerFixtures, wineDrivers32 } from './fixtureRegistry';
import { driveC, startBench, testPrefix, windowsPath, type Bench } from './wineBench';

const DRV_OPEN = 3;
const DRV_QUERYCONFIGURE = 8;
const ICM_GETINFO = 0x5002;
const ICM_CONFIGURE = 0x500a;
const ICM_ABOUT = 0x500b;
const ACMDM_DRIVER_DETAILS = 0x600a;
const ACMDM_DRIVER_ABOUT = 0x600b;
const ACMDM_FORMATTAG_DETAILS = 0x6019;

const codecs = {
  // Settings behind ICM_CONFIGURE (DRV_QUERYCONFIGURE 0, as Xvid), and opens only as its own FourCC (as UT Video).
  'vidc.FXZM': 'fixture.dll name=vidc.FXZM query=0 fourcc=FXZM desc=Zipped_Fixture_Video short=FxZip icinfo=1 icflags=0x0d settings=1 needicopen=1',
  // Shows its About box when merely asked whether it has one (as Xvid).
  'vidc.FXAB': 'fixture.dll name=vidc.FXAB query=0 fourcc=FXAB desc=About_Asking_Codec short=FxAbout icinfo=1 about=2',
  // -1 to everything it does not know.
  'vidc.FXM1': 'fixture.dll name=vidc.FXM1 query=-1 minusone=1',
  // Faults in ICM_GETINFO, after answering DRV_QUERYCONFIGURE.
  'vidc.FXCR': 'fixture.dll name=vidc.FXCR query=0 fourcc=FXCR icinfo=1 crash=20482',
  // Details and format tags; faults in ACMDM_DRIVER_DETAILS when opened without ACMDRVOPENDESC; About on query (as LAME).
  'msacm.fxmp3': 'fixture.dll name=msacm.fxmp3 query=1 desc=Fixture_MP3_Codec short=FxMP3 acm=1 needacmopen=1 tags=0x55,0x1 about=2',
};

/** The structures' sizes for each view's architecture: ICOPEN (natural alignment), ACMDRVOPENDESCW and ACMDRIVERDETAILSW (byte-packed). */
const sizes: Record<RegistryView, { icopen: number; acmopen: number; details: number }> = {
  '64-bit': { icopen: 56, acmopen: 44, details: 1804 },
  '32-bit': { icopen: 36, acmopen: 36, details: 1800 },
};

describe('a codec asked who it is, as its own loader asks, in both views', () => {
  let bench: Bench | undefined;
  const log = new FixtureLog(join(driveC, 'codec-identity-log.jsonl'));
  const stateDir = join(driveC, 'codec-identity-state');

  before(async () => {
    bench = await startBench();
    registerFixtures(testPrefix, bench.env, codecs, codecs);
  });
  after(() => bench?.stop());
  beforeEach(() => log.clear());

  function cli(...args: string[]): Promise<CliRun> {
    return runCli({ ...bench?.env, WINEPREFIX: testPrefix, FIXTURE_DRIVER_LOG: windowsPath(log.path), DRIVERS_PANEL_STATE_DIR: windowsPath(stateDir) }, args);
  }

  async function probe(alias: string, v: string): Promise<ProbeResult> {
    const run = await cli('probe', alias, '--view', v, '--json');
    assert.equal(run.status, 0, run.stdout + run.stderr);
    return JSON.parse(run.stdout) as ProbeResult;
  }

  for (const view of registryViews) {
    const v = view.slice(0, 2);
    const bits = view === '32-bit' ? 32 : 64;

    it(`${view}: a video codec opens with an ICOPEN of its own FourCC and gives its name, FourCC, capabilities and settings`, async () => {
      const answer = await probe('vidc.FXZM', v);
      assert.deepEqual(answer.identity, {
        kind: 'vidc',
        info: { name: 'FxZip', description: 'Zipped Fixture Video', type: 'vidc', fourcc: 'FXZM', flags: 0x0d, version: 0x00010002 },
        settings: true,
      });
      assert.equal(answer.configurable, false, 'DRV_QUERYCONFIGURE said 0: no Configure…, whatever ICM_CONFIGURE says');
      const lines = log.lines().filter((l) => l.driver === 'vidc.FXZM');
      assert.deepEqual(lines.find((l) => l.msg === DRV_OPEN && l.icopen)?.icopen, { size: sizes[view].icopen, type: 'vidc', handler: 'FXZM', version: 0x104, flags: 4 });
      assert.deepEqual(
        lines
          .filter((l) => [DRV_QUERYCONFIGURE, ICM_GETINFO, ICM_CONFIGURE, ICM_ABOUT].includes(l.msg))
          .map((l) => [l.msg, l.msg === ICM_GETINFO && l.lp1 !== '0' ? 'ICINFO*' : l.lp1, l.lp2, l.bits]),
        [
          [DRV_QUERYCONFIGURE, '0', '0', bits],
          [ICM_GETINFO, 'ICINFO*', '568', bits],
          [ICM_CONFIGURE, '-1', '1', bits],
        ],
        'one open: the probe, then ICM_GETINFO with an ICINFO of 568 bytes, then ICM_CONFIGURE(-1, ICMF_CONFIGURE_QUERY)',
      );
      assert.equal(log.events().filter((e) => e.event === 'load').length, 1, 'the codec was loaded once');
    });

    it(`${view}: a codec whose About box answers its query is never asked it`, async () => {
      const answer = await probe('vidc.FXAB', v);
      assert.equal(answer.identity?.kind === 'vidc' && answer.identity.info?.description, 'About Asking Codec');
      assert.equal(answer.identity?.kind === 'vidc' && answer.identity.settings, false);
      assert.deepEqual(log.lines().filter((l) => l.msg === ICM_ABOUT), []);
      assert.deepEqual(log.events().filter((e) => e.event === 'dialog-on-query'), []);
    });

    it(`${view}: a codec answering -1 to everything has no name of its own and no settings`, async () => {
      const answer = await probe('vidc.FXM1', v);
      assert.deepEqual(answer.identity, { kind: 'vidc', info: null, settings: false });
      assert.equal(answer.configurable, false);
    });

    it(`${view}: a fault in ICM_GETINFO is told as one, not as the probe's DRV_QUERYCONFIGURE`, async () => {
      // --retry: a listing in another test may have quarantined it already.
      const run = await cli('probe', 'vidc.FXCR', '--view', v, '--retry', '--json');
      assert.equal(run.status, 1, run.stdout);
      const failure = (JSON.parse(run.stdout) as { error: DriverFailure }).error;
      assert.equal(failure.code, 'driver-crashed');
      assert.match(failure.message, /^vidc\.FXCR crashed in ICM_GETINFO \(exit code/);
      const again = await cli('probe', 'vidc.FXCR', '--view', v, '--json');
      const quarantined = (JSON.parse(again.stdout) as { error: DriverFailure }).error;
      assert.equal(quarantined.code, 'quarantined');
      assert.match(quarantined.message, /crashed in ICM_GETINFO/);
    });

    it(`${view}: an audio codec opens with an ACMDRVOPENDESC and gives its details and format tags, and no About query`, async () => {
      const answer = await probe('msacm.fxmp3', v);
      assert.deepEqual(answer.identity, {
        kind: 'acm',
        details: {
          shortName: 'FxMP3',
          longName: 'Fixture MP3 Codec',
          copyright: 'Copyright (C) the test bench',
          licensing: 'Free for testing',
          features: 'Answers as an ACM codec does',
          support: 1,
          formatTagCount: 2,
          version: 0x01020003,
        },
        formatTags: [
          { tag: 0x55, name: 'MPEG Layer-3' },
          { tag: 0x1, name: 'PCM' },
        ],
      });
      const lines = log.lines().filter((l) => l.driver === 'msacm.fxmp3');
      assert.deepEqual(lines.find((l) => l.msg === DRV_OPEN && l.acmopen)?.acmopen, {
        size: sizes[view].acmopen,
        type: 'audc',
        version: 0x04000000,
        section: 'Drivers32',
        alias: 'msacm.fxmp3',
      });
      assert.equal(lines.find((l) => l.msg === ACMDM_DRIVER_DETAILS)?.cbStruct, sizes[view].details);
      assert.deepEqual(
        lines.filter((l) => l.msg === ACMDM_FORMATTAG_DETAILS).map((l) => l.lp2),
        ['0', '0'],
        'each tag asked by index (ACM_FORMATTAGDETAILSF_INDEX)',
      );
      assert.deepEqual(log.lines().filter((l) => l.msg === ACMDM_DRIVER_ABOUT), []);
      assert.deepEqual(log.events().filter((e) => e.event !== 'load'), [], 'no fault, no dialog on a query');
    });
  }

  it('the list names codecs by what they say, remembered: a second listing loads no codec and still has every name', async () => {
    await cli('list', '--refresh', '--json');
    log.clear();
    const run = await cli('list', '--json');
    assert.equal(run.status, 0, run.stderr);
    const { drivers } = JSON.parse(run.stdout) as DriverListing;
    for (const view of registryViews) {
      const zm = drivers.find((d) => d.alias === 'vidc.FXZM' && d.view === view);
      assert.equal(zm?.probe?.identity?.kind === 'vidc' && zm.probe.identity.info?.fourcc, 'FXZM', view);
      const mp3 = drivers.find((d) => d.alias === 'msacm.fxmp3' && d.view === view);
      assert.equal(mp3?.probe?.identity?.kind === 'acm' && mp3.probe.identity.details?.longName, 'Fixture MP3 Codec', view);
    }
    assert.deepEqual(log.events(), [], 'nothing was loaded');
    const text = await cli('list');
    assert.match(text.stdout, /vidc\.FXZM .*Zipped Fixture Video/);
    assert.match(text.stdout, /msacm\.fxmp3 .*Fixture MP3 Codec/);
  });

  /** Wine's codecs in both views: a video codec's name and FourCC, an audio codec's format tag, as their formats define them. */
  const wineCodecs: Record<string, [RegExp, string] | number> = {
    'vidc.cvid': [/cinepak/i, 'cvid'],
    'vidc.mrle': [/rle/i, 'mrle'],
    'vidc.msvc': [/video 1/i, 'cram'],
    'msacm.imaadpcm': 0x11,
    'msacm.msadpcm': 0x2,
    'msacm.msg711': 0x6,
    'msacm.msgsm610': 0x31,
    'msacm.l3acm': 0x55,
  };

  for (const view of registryViews) {
    it(`${view}: Wine's own codecs say who they are`, async () => {
      assert.deepEqual(Object.keys(wineCodecs).sort(), Object.keys(wineDrivers32).sort(), 'every Wine codec is checked');
      for (const [alias, expected] of Object.entries(wineCodecs)) {
        const { identity } = await probe(alias, view.slice(0, 2));
        if (identity?.kind === 'vidc') {
          assert.ok(identity.info, `${alias}: ICM_GETINFO answered`);
          const [name, fourcc] = expected as [RegExp, string];
          assert.match(identity.info.description, name, alias);
          assert.equal(identity.info.type, 'vidc', alias);
          assert.equal(identity.info.fourcc.toLowerCase(), fourcc, alias);
        } else {
          assert.ok(identity?.kind === 'acm', alias);
          assert.ok(identity.details, `${alias}: ACMDM_DRIVER_DETAILS answered`);
          assert.match(identity.details.longName, /^[\x20-\x7e]+$/, `${alias}: a readable name, so the byte-packed layout was read right`);
          assert.ok(identity.formatTags.some((t) => t.tag === expected), `${alias}: format tag ${String(expected)} in ${JSON.stringify(identity.formatTags)}`);
          assert.equal(identity.formatTags.length, identity.details.formatTagCount, alias);
        }
      }
    });
  }
});
