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
import type { CodecQueryResult } from '../../app/codecQuery';
import type { DriverFailure, DriverListing, ProbeResult, SendResult } from '../../app/drivers';
import { registryViews, type RegistryView } from '../../app/views';
import { runCli, type CliRun } from './cliRunner';
import { FixtureLog, codecFixtures as codecs, registerFixtures, wineDrivers32 } from './fixtureRegistry';
import { driveC, startBench, testPrefix, windowsPath, type Bench } from './wineBench';

const DRV_OPEN = 3;
const DRV_QUERYCONFIGURE = 8;
const ICM_GETINFO = 0x5002;
const ICM_CONFIGURE = 0x500a;
const ICM_ABOUT = 0x500b;
const ACMDM_DRIVER_DETAILS = 0x600a;
const ACMDM_DRIVER_ABOUT = 0x600b;
const ACMDM_FORMATTAG_DETAILS = 0x6019;
const ICM_COMPRESS_QUERY = 0x4006;
const ICM_DECOMPRESS_QUERY = 0x400b;


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
      const run = await cli('probe', 'vidc.FXCR', '--view', v, '--retry', '--json', '--verbose');
      assert.match(run.stderr, /vidc\.FXCR.* -> crashed in ICM_GETINFO \(exit code/, 'the call trace names the message too');
      assert.equal(run.status, 1, run.stdout);
      const failure = (JSON.parse(run.stdout) as { error: DriverFailure }).error;
      assert.equal(failure.code, 'driver-crashed');
      // "again, as before" when a listing had quarantined it for the same fault.
      assert.match(failure.message, /^vidc\.FXCR crashed( again)? in ICM_GETINFO(, as before)? \(exit code/);
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

  for (const view of registryViews) {
    const v = view.slice(0, 2);
    const bits = view === '32-bit' ? 32 : 64;
    /** The dialog calls the codec got: message, whether lParam1 was a window, which host. */
    const dialogCalls = (msg: number) => log.lines().filter((l) => l.msg === msg && l.lp1 !== '-1').map((l) => [l.driver, l.parentIsWindow, l.bits]);

    it(`${view}: Codec settings… opens ICM_CONFIGURE with an owner window, only where its query said yes`, async () => {
      const run = await cli('settings', 'vidc.FXZM', '--view', v, '--json');
      assert.equal(run.status, 0, run.stdout + run.stderr);
      assert.deepEqual(JSON.parse(run.stdout), {
        alias: 'vidc.FXZM',
        dialog: 'settings',
        messageName: 'ICM_CONFIGURE',
        raw: '0',
        supported: true,
        answer: 'ICERR_OK (success: yes, or done)',
      });
      assert.deepEqual(dialogCalls(ICM_CONFIGURE), [['vidc.FXZM', 1, bits]]);

      log.clear();
      const none = await cli('settings', 'vidc.FXAB', '--view', v, '--json');
      assert.equal(none.status, 1, none.stdout);
      const refused = (JSON.parse(none.stdout) as { error: DriverFailure }).error;
      assert.equal(refused.code, 'not-configurable');
      assert.match(refused.message, /^vidc\.FXAB has no settings dialog of its own: ICM_CONFIGURE's query \(-1\) did not answer ICERR_OK/);
      assert.deepEqual(dialogCalls(ICM_CONFIGURE), [], 'the dialog was not asked for');
      const audio = await cli('settings', 'msacm.fxmp3', '--view', v);
      assert.equal(audio.status, 1);
      assert.match(audio.stdout + audio.stderr, /Codec settings… is for video codecs \(VfW\); msacm\.fxmp3 is an audio codec \(ACM\)/);
    });

    it(`${view}: About… opens ICM_ABOUT or ACMDM_DRIVER_ABOUT with an owner window, and says when a codec has none`, async () => {
      const video = await cli('about', 'vidc.FXAB', '--view', v);
      assert.equal(video.status, 0, video.stdout + video.stderr);
      assert.equal(video.stdout.trim(), 'vidc.FXAB: its About box was shown and closed (ICM_ABOUT answered 0: ICERR_OK (success: yes, or done)).');
      assert.deepEqual(dialogCalls(ICM_ABOUT), [['vidc.FXAB', 1, bits]]);
      const audio = await cli('about', 'msacm.fxmp3', '--view', v, '--json');
      assert.equal(audio.status, 0, audio.stdout);
      assert.equal((JSON.parse(audio.stdout) as { messageName: string }).messageName, 'ACMDM_DRIVER_ABOUT');
      assert.deepEqual(dialogCalls(ACMDM_DRIVER_ABOUT), [['msacm.fxmp3', 1, bits]]);
      assert.deepEqual(log.events().filter((e) => e.event === 'dialog-on-query'), [], 'never asked whether it has one');
      const none = await cli('about', 'vidc.FXM1', '--view', v);
      assert.equal(none.status, 1);
      assert.equal(none.stdout.trim(), 'vidc.FXM1 has no About box of its own (ICM_ABOUT answered -1: ICERR_UNSUPPORTED (an error: no, or not done)).');
    });
  }

  it('which: a FourCC finds the video codecs that decompress or compress it in both views, asked as ICLocate asks', async () => {
    const run = await cli('which', 'FXZM', '--json');
    assert.equal(run.status, 0, run.stdout + run.stderr);
    const result = JSON.parse(run.stdout) as CodecQueryResult;
    const found = (r: CodecQueryResult) => r.matches.map((m) => [m.alias, m.view, m.decompresses, m.compresses, m.evidence]).sort();
    const both = 'ICM_DECOMPRESS_QUERY answered ICERR_OK; ICM_COMPRESS_QUERY answered ICERR_OK';
    assert.deepEqual(found(result), [
      ['vidc.FXZM', '32-bit', true, true, both],
      ['vidc.FXZM', '64-bit', true, true, both],
    ]);
    const asked = log.lines().filter((l) => l.driver === 'vidc.FXZM');
    assert.deepEqual(
      [...new Set(asked.filter((l) => l.msg === ICM_DECOMPRESS_QUERY || l.msg === ICM_COMPRESS_QUERY).map((l) => `${l.msg}:${l.input}:${l.inputSize}`))].sort(),
      [`${ICM_COMPRESS_QUERY}::40`, `${ICM_DECOMPRESS_QUERY}:FXZM:40`],
      'a BITMAPINFOHEADER of FXZM to decompress, one of RGB (BI_RGB) to compress',
    );
    assert.deepEqual([...new Set(asked.flatMap((l) => (l.icopen ? [l.icopen.flags] : [])))].sort(), [1, 2], 'opened with ICMODE_COMPRESS and ICMODE_DECOMPRESS');
    const decoder = JSON.parse((await cli('which', 'FXAB', '--json')).stdout) as CodecQueryResult;
    const decodes = 'ICM_DECOMPRESS_QUERY answered ICERR_OK; ICM_COMPRESS_QUERY answered ICERR_UNSUPPORTED';
    assert.deepEqual(found(decoder), [
      ['vidc.FXAB', '32-bit', true, false, decodes],
      ['vidc.FXAB', '64-bit', true, false, decodes],
    ]);
    const cinepak = JSON.parse((await cli('which', 'cvid', '--json')).stdout) as CodecQueryResult;
    assert.ok(cinepak.matches.some((m) => m.alias === 'vidc.cvid' && m.decompresses), "Wine's Cinepak decompresses cvid");
    // A deadline a person shortened: codecs that miss it are not asked, and not quarantined either.
    const hurried = JSON.parse((await cli('which', 'FXZM', '--timeout', '0.001', '--json')).stdout) as CodecQueryResult;
    assert.ok(hurried.unasked.some((u) => /the time you allowed/.test(u.why)), JSON.stringify(hurried.unasked));
    const listed = JSON.parse((await cli('list', '--json')).stdout) as DriverListing;
    assert.equal(listed.drivers.find((d) => d.alias === 'vidc.FXZM')?.quarantine, null, 'not quarantined for a deadline a person shortened');
    const none = await cli('which', 'ZZZZ');
    assert.equal(none.status, 1);
    assert.match(none.stdout, /^No codec handles FourCC ZZZZ\.$/m);
  });

  it('which: a WAVE format tag, by number or by name, finds the audio codecs that list it', async () => {
    for (const format of ['0x55', '85', 'mpeg layer-3']) {
      const run = await cli('which', format, '--json');
      assert.equal(run.status, 0, run.stdout + run.stderr);
      const result = JSON.parse(run.stdout) as CodecQueryResult;
      const aliases = [...new Set(result.matches.map((m) => `${m.alias} ${m.view}`))].sort();
      assert.ok(aliases.includes('msacm.fxmp3 64-bit') && aliases.includes('msacm.fxmp3 32-bit'), `${format}: ${aliases.join(', ')}`);
      if (format !== 'mpeg layer-3') assert.ok(aliases.includes('msacm.l3acm 64-bit'), `${format}: Wine's MP3 decoder lists 0x55 (under its own name)`);
      assert.ok(result.matches.every((m) => m.alias.startsWith('msacm.')), format);
    }
    const partial = JSON.parse((await cli('which', 'Layer 3', '--json')).stdout) as CodecQueryResult;
    assert.ok(partial.matches.some((m) => m.alias === 'msacm.fxmp3'), 'a part of the name, spaces and dashes aside');
    const text = await cli('which', '0x55');
    assert.match(text.stdout, /^msacm\.fxmp3\s+64-bit\s+-\s+-\s+Fixture MP3 Codec\s+converts format tag 0x0055 MPEG Layer-3 \(ACMDM_FORMATTAG_DETAILS\)$/m);
  });

  for (const view of registryViews) {
    const v = view.slice(0, 2);

    it(`${view}: send fills in the structure a codec message takes, and shows it as the codec left it`, async () => {
      const info = JSON.parse((await cli('send', 'vidc.FXZM', 'ICM_GETINFO', '--view', v, '--json')).stdout) as SendResult;
      assert.deepEqual([info.raw, info.answer], ['568', null], "ICM_GETINFO answers the size it copied, no ICERR_* value");
      assert.equal(info.structure?.name, 'ICINFO');
      assert.deepEqual(
        ['dwSize', 'fccType', 'fccHandler', 'dwFlags', 'szName', 'szDescription'].map((f) => info.structure?.fields[f]),
        [568, 'vidc', 'FXZM', 13, 'FxZip', 'Zipped Fixture Video'],
      );
      const tag = JSON.parse((await cli('send', 'msacm.fxmp3', 'ACMDM_FORMATTAG_DETAILS', '0', '0', '--index', '1', '--view', v, '--json')).stdout) as SendResult;
      assert.deepEqual([tag.answer, tag.structure?.fields.dwFormatTagIndex, tag.structure?.fields.dwFormatTag, tag.structure?.fields.szFormatTag], ['MMSYSERR_NOERROR (success: yes, or done)', 1, 1, 'PCM']);
      const details = await cli('send', 'msacm.fxmp3', 'ACMDM_DRIVER_DETAILS', '--view', v);
      assert.match(details.stdout, /^msacm\.fxmp3 answered ACMDM_DRIVER_DETAILS with 0 \(0x0\): MMSYSERR_NOERROR/m);
      assert.match(details.stdout, /^ACMDRIVERDETAILS as the driver left it:$/m);
      assert.match(details.stdout, /^ {2}fccType: audc$/m);
      assert.match(details.stdout, /^ {2}szLongName: Fixture MP3 Codec$/m);
      const decodes = JSON.parse((await cli('send', 'vidc.FXZM', 'ICM_DECOMPRESS_QUERY', '--fourcc', 'FXZM', '--view', v, '--json')).stdout) as SendResult;
      assert.deepEqual([decodes.raw, decodes.structure], ['0', null]);
      const other = JSON.parse((await cli('send', 'vidc.FXZM', 'ICM_DECOMPRESS_QUERY', '--fourcc', 'XVID', '--view', v, '--json')).stdout) as SendResult;
      assert.equal(other.answer, 'ICERR_BADFORMAT (an error: no, or not done)');
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
