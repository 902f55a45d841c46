/**
 * The real driver service under Wine against our own fixture driver, which logs
 * every message it receives. These tests pin down exactly what the panel sends.
 */
import assert from 'node:assert/strict';
import { copyFileSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { setTimeout as delay } from 'node:timers/promises';
import { beforeEach, describe, it } from 'node:test';
import type { DriverEntry } from '../../app/drivers';
import { registryViews, type RegistryView } from '../../app/views';
import { DRV_CLOSE, DRV_CONFIGURE, DRV_DISABLE, DRV_ENABLE, DRV_FREE, DRV_INSTALL, DRV_LOAD, DRV_OPEN, DRV_QUERYCONFIGURE, DRV_USER } from '../../app/messages';
import { root } from '../../scripts/prepare-wine';
import { FixtureLog, registerFixtures, registryFixtures, unsafeAliasFiles, unsafeFixtures } from './fixtureRegistry';
import { driveC, testPrefix, useBridgeHost, windowsPath } from './wineBench';

const lifecycle = (middle: number): number[] => [DRV_LOAD, DRV_ENABLE, DRV_OPEN, middle, DRV_CLOSE, DRV_DISABLE, DRV_FREE];

/** What each view's host is: its pointer width, its system folder, and DRVCONFIGINFO's packed size there (4 + 2 pointers). */
const hosts: Record<RegistryView, { bits: 32 | 64; folder: string; dciSize: number }> = {
  '64-bit': { bits: 64, folder: 'c:\\windows\\system32', dciSize: 20 },
  '32-bit': { bits: 32, folder: 'c:\\windows\\syswow64', dciSize: 12 },
};

describe('fixture drivers', () => {
  const log = new FixtureLog(join(driveC, 'fixture-log.jsonl'));
  const host = useBridgeHost((bench) => {
    // The same drivers in the 32-bit view, built for x86: every call below is made in both hosts.
    registerFixtures(testPrefix, bench.env, unsafeFixtures, registryFixtures);
    const system32 = join(driveC, 'windows', 'system32');
    for (const file of unsafeAliasFiles) copyFileSync(join(system32, 'fixture.dll'), join(system32, file));
    return { FIXTURE_DRIVER_LOG: windowsPath(log.path) };
  });

  beforeEach(() => log.clear());

  /** The listing as it first comes back: registrations, before file details. */
  async function entries(): Promise<Map<string, DriverEntry>> {
    const reply = await host.client.call('listDrivers', {});
    assert.ok(reply.ok, JSON.stringify(reply));
    return new Map(reply.value.drivers.map((d) => [d.id, d]));
  }

  /** The listing once every file has been looked at. */
  async function detailed(): Promise<Map<string, DriverEntry>> {
    const listed = await entries();
    await host.client.settled(listed.keys());
    return new Map([...listed.keys()].map((id) => [id, host.client.entry(id) ?? assert.fail(id)]));
  }

  /** Lists with every openable driver probed afresh, and waits until all have answered; returns those probed. */
  async function probeEverything(): Promise<DriverEntry[]> {
    await detailed();
    const mark = host.client.received.length;
    const reply = await host.client.call('listDrivers', { probe: 'all' });
    assert.ok(reply.ok, JSON.stringify(reply));
    await host.client.settled(reply.value.drivers.map((d) => d.id));
    const probed = new Set(host.client.received.slice(mark).flatMap((e) => /^entry:(.+):probe$/.exec(e)?.[1] ?? []));
    return reply.value.drivers.filter((d) => probed.has(d.alias));
  }

  describe('listing', () => {
    it('lists registry-only, system.ini-only and doubly registered drivers with their sources', async () => {
      const all = await entries();
      assert.deepEqual(all.get('64-bit:fx.restart')?.sources, ['registry']);
      assert.deepEqual(all.get('64-bit:fx.ini')?.sources, ['system.ini']);
      const plain = all.get('64-bit:fx.plain');
      assert.deepEqual(plain?.sources, ['registry', 'system.ini']);
      assert.equal(plain.parameters, 'name=fx.plain query=0 install=1 remove=1', "the registry's value wins");
      assert.equal(all.get('64-bit:fx.restart')?.kind, 'other');
    });

    it('resolves the file, reads its size, time and version resource, and keeps the registered parameters', async () => {
      const entry = (await detailed()).get('64-bit:fx.restart');
      assert.ok(entry);
      assert.equal(entry.file, 'fixture.dll');
      assert.equal(entry.details?.path?.toLowerCase(), 'c:\\windows\\system32\\fixture.dll');
      assert.equal(entry.details.identity?.size, statSync(join(driveC, 'windows', 'system32', 'fixture.dll')).size);
      assert.equal(entry.status, 'ok');
      assert.deepEqual(entry.details.version, {
        fileDescription: 'Fixture installable driver',
        companyName: 'Drivers Panel Test Bench',
        fileVersion: '1.2.3.4',
        productName: 'Drivers Panel fixtures',
      });
    });

    it('marks a registration whose file is missing, and explains it', async () => {
      const entry = (await detailed()).get('64-bit:fx.missing');
      assert.equal(entry?.details?.path, null);
      assert.equal(entry.openable, false);
      assert.equal(entry.status, 'missing-file');
      assert.match(entry.statusDetail ?? '', /nosuchdriver\.dll.*not found/);
    });

    it('expands a REG_EXPAND_SZ registration to an absolute path', async () => {
      const entry = (await detailed()).get('64-bit:fx.expand');
      assert.equal(entry?.file.toLowerCase(), 'c:\\windows\\system32\\fixture.dll');
      assert.equal(entry.details?.path?.toLowerCase(), 'c:\\windows\\system32\\fixture.dll');
    });

    it('lists a value that cannot name a driver, with the reason, and never opens it', async () => {
      const entry = (await entries()).get('64-bit:fx.dword');
      assert.equal(entry?.status, 'unreadable-value');
      assert.equal(entry.openable, false);
      assert.match(entry.statusDetail ?? '', /REG_DWORD value; a driver registration must be REG_SZ or REG_EXPAND_SZ/);
      const reply = await host.client.call('probeDriver', { alias: 'fx.dword' });
      assert.ok(!reply.ok);
      assert.equal(reply.error.code, 'unreadable-value');
      assert.deepEqual(log.lines(), []);
    });

    it('reads values as Winmm does: a leading space names no file, a value too long for Winmm is ignored', async () => {
      const all = await detailed();
      const leading = all.get('64-bit:fx.leading');
      assert.deepEqual([leading?.status, leading?.openable, leading?.file], ['unreadable-value', false, '']);
      assert.match(leading?.statusDetail ?? '', /begins with a space; Winmm takes the file name to end at the first space/);
      const long = all.get('64-bit:fx.long');
      assert.deepEqual([long?.status, long?.openable, long?.file], ['unreadable-value', false, 'fixture.dll']);
      assert.match(long?.statusDetail ?? '', /Winmm reads at most 260, so it ignores it and looks in system\.ini instead/);
      for (const alias of ['fx.leading', 'fx.long']) {
        const reply = await host.client.call('probeDriver', { alias });
        assert.ok(!reply.ok && reply.error.code === 'unreadable-value', JSON.stringify(reply));
      }
      assert.deepEqual(log.loadedModules(), []);
    });

    it('lists 32-bit-view drivers as openable, with their SysWOW64 file, and opens none of them while listing', async () => {
      const entry = (await detailed()).get('32-bit:fx.wow');
      assert.equal(entry?.view, '32-bit');
      assert.equal(entry.status, 'ok');
      assert.equal(entry.openable, true);
      assert.equal(entry.details?.path?.toLowerCase(), 'c:\\windows\\syswow64\\fixture.dll');
      assert.deepEqual(log.lines(), []);
    });

    it('loads no driver while listing, file details included', async () => {
      await detailed();
      assert.deepEqual(log.lines(), []);
      assert.deepEqual(log.loadedModules(), []);
    });
  });

  for (const view of registryViews) {
    const { bits, folder } = hosts[view];
    describe(`probing, ${view}`, () => {
      it('sends exactly open, DRV_QUERYCONFIGURE, close in the host of its view and keeps the sign of the answer', async () => {
        const reply = await host.client.call('probeDriver', { alias: 'fx.negative', view });
        assert.ok(reply.ok, JSON.stringify(reply));
        assert.notEqual(log.lines()[0]?.pid, host.ready.pid, 'the driver runs in the driver host, not in the panel process');
        assert.equal(reply.value.raw, '-1');
        assert.equal(reply.value.configurable, true);
        assert.equal(reply.value.loadedPath?.toLowerCase(), `${folder}\\fixture.dll`);
        const lines = log.lines();
        assert.deepEqual(lines.map((l) => l.msg), lifecycle(DRV_QUERYCONFIGURE));
        assert.deepEqual(new Set(lines.map((l) => l.bits)), new Set([bits]), `a ${bits}-bit host ran the driver`);
        assert.equal(lines[2]?.args, 'name=fx.negative query=-1 configure=1', 'DRV_OPEN received the registered parameters');
        assert.deepEqual([lines[3]?.lp1, lines[3]?.lp2], ['0', '0']);
      });

      it('reports a driver that refuses DRV_OPEN as open-failed, in the probe and in the list', async () => {
        const reply = await host.client.call('probeDriver', { alias: 'fx.refuse', view });
        assert.ok(!reply.ok);
        assert.equal(reply.error.code, 'open-failed');
        // One open attempt and nothing after it (Wine's winmm unloads the module without DRV_DISABLE/DRV_FREE).
        assert.deepEqual(log.lines().map((l) => l.msg), [DRV_LOAD, DRV_ENABLE, DRV_OPEN]);
        const entry = (await entries()).get(`${view}:fx.refuse`);
        assert.equal(entry?.status, 'open-failed');
        assert.match(entry.statusDetail ?? '', /could not open fx\.refuse/);
      });
    });
  }

  it('streams a result for every openable driver of both views, one driver at a time in each host', async () => {
    const openable = await probeEverything();
    const aliases = (view: RegistryView): string[] => openable.filter((d) => d.view === view).map((d) => d.alias).sort();
    assert.deepEqual(aliases('64-bit'), [
      // Not fx.expand: Wine's Winmm opens a REG_EXPAND_SZ value as written, so the panel does not try (cli.test.ts).
      'fx.cancel', 'fx.ini', 'fx.negative', 'fx.plain', 'fx.refuse', 'fx.restart', 'fx.slow',
      'msacm.imaadpcm', 'msacm.l3acm', 'msacm.msadpcm', 'msacm.msg711', 'msacm.msgsm610', 'vidc.cvid', 'vidc.mrle', 'vidc.msvc',
    ]);
    assert.deepEqual(aliases('32-bit'), ['fx.cancel', 'fx.negative', 'fx.plain', 'fx.refuse', 'fx.restart', 'fx.slow', 'fx.wow']);
    for (const view of registryViews) {
      assert.equal(host.client.entry(`${view}:fx.plain`)?.probe?.configurable, false, view);
      assert.equal(host.client.entry(`${view}:fx.slow`)?.probe?.configurable, true, view);
      assert.equal(host.client.entry(`${view}:fx.refuse`)?.status, 'open-failed', view);
    }
    // Never two drivers at once in one host: every successful DRV_OPEN is closed before that host's next DRV_OPEN.
    const open = new Map<number, boolean>();
    for (const line of log.lines()) {
      if (line.msg === DRV_OPEN) {
        assert.equal(open.get(line.bits) ?? false, false, `${line.driver} was opened while another driver was open in the ${line.bits}-bit host`);
        open.set(line.bits, line.result !== '0');
      }
      if (line.msg === DRV_CLOSE) open.set(line.bits, false);
    }
    assert.deepEqual(new Set(log.lines().map((l) => l.bits)), new Set([32, 64]), 'both hosts ran drivers');
  });

  it("runs a person's request ahead of the queued background probes", async () => {
    await detailed();
    const listing = await host.client.call('listDrivers', { probe: 'all' });
    assert.ok(listing.ok);
    // The background queue runs in alias order; fx.slow (1.2 s) comes before msacm.* and vidc.*,
    // so those are certainly still queued when this request arrives.
    const id = host.client.peekNextId();
    const reply = await host.client.call('probeDriver', { alias: 'vidc.mrle' });
    assert.ok(reply.ok);
    await host.client.settled(listing.value.drivers.map((d) => d.id));
    const stream = host.client.received;
    const replyAt = stream.lastIndexOf(`reply:${id}`);
    for (const waiting of ['msacm.imaadpcm', 'msacm.msgsm610', 'vidc.cvid', 'vidc.msvc']) {
      assert.ok(replyAt < stream.lastIndexOf(`probe:${waiting}`), `the request was answered before the queued probe of ${waiting}`);
    }
  });

  it('does not queue a driver again while its background probe is still waiting', async () => {
    await detailed();
    const mark = host.client.received.length;
    assert.ok((await host.client.call('listDrivers', { probe: 'all' })).ok);
    await host.client.until(() => host.client.entry('64-bit:fx.slow')?.pending === 'probe', 'fx.slow queued');
    // fx.slow (1.2 s) holds the queue: the Wine drivers behind it are still waiting when the list
    // is read again, and the fixtures before it have answered already.
    assert.ok((await host.client.call('listDrivers', { probe: 'new' })).ok);
    // vidc.msvc is probed last; a duplicate would follow it within milliseconds.
    await host.client.until(() => host.client.received.slice(mark).includes('probe:vidc.msvc'), 'the probe of vidc.msvc').catch((error: unknown) => {
      throw new Error(`${String(error)}; vidc.msvc: ${JSON.stringify(host.client.entry('64-bit:vidc.msvc'))}; since the mark: ${host.client.received.slice(mark).join(' ')}`);
    });
    await delay(300);
    const probesOf = (alias: string): number => host.client.received.slice(mark).filter((e) => e === `probe:${alias}`).length;
    assert.equal(probesOf('msacm.imaadpcm'), 1);
    assert.equal(probesOf('vidc.msvc'), 1);
  });

  for (const view of registryViews) {
    const { bits, dciSize } = hosts[view];
    describe(`configure and install, ${view}`, () => {
      it(`passes the parent window and a packed DRVCONFIGINFO (${dciSize} bytes, Drivers32, alias) to DRV_CONFIGURE`, async () => {
        const reply = await host.client.call('configureDriver', { alias: 'fx.restart', view });
        assert.ok(reply.ok, JSON.stringify(reply));
        assert.deepEqual(reply.value, { alias: 'fx.restart', action: 'configure', result: 'restart', raw: '2', restartRequired: true, change: null });
        const lines = log.lines();
        // The service probes first (configure only if DRV_QUERYCONFIGURE is nonzero), then configures.
        assert.deepEqual(lines.map((l) => l.msg), [...lifecycle(DRV_QUERYCONFIGURE), ...lifecycle(DRV_CONFIGURE)]);
        assert.deepEqual(new Set(lines.map((l) => l.bits)), new Set([bits]));
        const configure = lines.find((l) => l.msg === DRV_CONFIGURE);
        // The bench has no window of its own, so the driver host lends its hidden owner window.
        assert.notEqual(configure?.lp1, '0', 'lParam1 is an owner window handle');
        assert.equal(configure?.parentIsWindow, 1, 'lParam1 is a live window');
        assert.deepEqual(configure.dci, { size: dciSize, section: 'Drivers32', alias: 'fx.restart' });
      });

      it('does not send DRV_CONFIGURE to a driver whose DRV_QUERYCONFIGURE answered 0', async () => {
        const reply = await host.client.call('configureDriver', { alias: 'fx.plain', view });
        assert.ok(!reply.ok);
        assert.equal(reply.error.code, 'not-configurable');
        assert.deepEqual(log.lines().map((l) => l.msg), lifecycle(DRV_QUERYCONFIGURE));
      });

      it('reports a cancelled configuration as cancel', async () => {
        const reply = await host.client.call('configureDriver', { alias: 'fx.cancel', view });
        assert.ok(reply.ok);
        assert.equal(reply.value.result, 'cancel');
        assert.equal(reply.value.restartRequired, false);
      });

      it('sends DRV_INSTALL with a DRVCONFIGINFO and decodes each answer', async () => {
        const cases = [
          ['fx.plain', 'ok', '1'],
          ['fx.restart', 'restart', '2'],
          ['fx.cancel', 'cancel', '0'],
        ] as const;
        for (const [alias, result, raw] of cases) {
          log.clear();
          const reply = await host.client.call('installDriver', { alias, view });
          assert.ok(reply.ok, JSON.stringify(reply));
          assert.equal(reply.value.result, result);
          assert.equal(reply.value.raw, raw);
          const lines = log.lines();
          assert.deepEqual(lines.map((l) => l.msg), lifecycle(DRV_INSTALL));
          assert.deepEqual(lines[3]?.dci, { size: dciSize, section: 'Drivers32', alias });
          assert.equal(lines[3].bits, bits);
        }
      });
    });
  }

  describe('custom messages', () => {
    it('sends a DRV_USER message with exact 64-bit integer parameters', async () => {
      const reply = await host.client.call('sendMessage', {
        alias: 'fx.plain',
        message: DRV_USER + 5,
        lParam1: '-5',
        lParam2: '4294967296',
      });
      assert.ok(reply.ok, JSON.stringify(reply));
      assert.equal(reply.value.raw, '4294967291', 'the fixture answers lParam1 + lParam2');
      const lines = log.lines();
      assert.deepEqual(lines.map((l) => l.msg), lifecycle(DRV_USER + 5));
      assert.deepEqual([lines[3]?.lp1, lines[3]?.lp2], ['-5', '4294967296']);
    });

    it('sends a DRV_USER message to a 32-bit driver with exact 32-bit parameters, and the sign of its 32-bit answer', async () => {
      const reply = await host.client.call('sendMessage', { alias: 'fx.plain', view: '32-bit', message: DRV_USER + 5, lParam1: '-2147483648', lParam2: '2147483647' });
      assert.ok(reply.ok, JSON.stringify(reply));
      assert.equal(reply.value.raw, '-1', 'a 32-bit LRESULT of -1 is read as -1, not as 4294967295');
      const lines = log.lines();
      assert.deepEqual(lines.map((l) => l.msg), lifecycle(DRV_USER + 5));
      assert.deepEqual([lines[3]?.lp1, lines[3]?.lp2, lines[3]?.bits], ['-2147483648', '2147483647', 32]);
    });

    it('refuses, before loading anything, a parameter that does not fit a 32-bit driver\'s LPARAM', async () => {
      for (const [lParam1, lParam2] of [['4294967296', '0'], ['0', '2147483648'], ['-2147483649', '0']] as const) {
        const reply = await host.client.call('sendMessage', { alias: 'fx.plain', view: '32-bit', message: DRV_USER + 5, lParam1, lParam2 });
        assert.ok(!reply.ok, `${lParam1}, ${lParam2} was sent`);
        assert.equal(reply.error.code, 'invalid-request');
        assert.match(reply.error.message, /32-bit/);
      }
      assert.deepEqual(log.lines(), []);
      assert.deepEqual(log.loadedModules(), []);
    });

    it('refuses Winmm lifecycle and pointer-taking messages without loading the driver', async () => {
      for (const view of registryViews) {
        for (const message of [DRV_OPEN, DRV_CONFIGURE, DRV_INSTALL, DRV_FREE]) {
          const reply = await host.client.call('sendMessage', { alias: 'fx.plain', view, message, lParam1: '0', lParam2: '0' });
          assert.ok(!reply.ok);
          assert.equal(reply.error.code, 'message-not-allowed');
        }
      }
      assert.deepEqual(log.lines(), []);
    });
  });

  describe('only enumerated aliases are ever opened', () => {
    const rejected: Array<[string, unknown, string]> = [
      ['a full path', { alias: 'C:\\windows\\system32\\fixture.dll' }, 'invalid-alias'],
      ['a relative path', { alias: '..\\fixture.dll' }, 'invalid-alias'],
      ['a bare file name that is not registered', { alias: 'fixture.dll' }, 'unknown-alias'],
      ['an unknown alias', { alias: 'fx.nothere' }, 'unknown-alias'],
      ['an empty alias', { alias: '' }, 'invalid-alias'],
      ['an over-long alias', { alias: 'x'.repeat(300) }, 'invalid-alias'],
      ['a number', { alias: 42 }, 'invalid-request'],
      ['extra fields', { alias: 'fx.plain', path: 'C:\\x.dll' }, 'invalid-request'],
      ['no payload fields', {}, 'invalid-request'],
    ];
    for (const [what, payload, code] of rejected) {
      it(`rejects ${what} with ${code} and loads nothing`, async () => {
        for (const channel of ['probeDriver', 'configureDriver', 'installDriver']) {
          const reply = await host.client.callUnchecked(channel, payload);
          assert.ok(!reply.ok, `${channel} accepted ${JSON.stringify(payload)}`);
          assert.equal(reply.error.code, code);
          assert.ok(reply.error.message.length > 10, 'the message says what to do');
        }
        assert.deepEqual(log.lines(), []);
      });
    }

    it('removes only what is registered: anything else is refused, and nothing is loaded or written', async () => {
      const cases: Array<[unknown, string]> = [
        [{ alias: 'C:\\windows\\system32\\fixture.dll' }, 'unknown-alias'],
        [{ alias: 'fixture.dll' }, 'unknown-alias'],
        [{ alias: 'x'.repeat(300) }, 'unknown-alias'],
        [{ alias: '' }, 'invalid-alias'],
        [{ alias: 'fx.plain\0' }, 'invalid-alias'],
        [{ alias: 42 }, 'invalid-request'],
        [{ alias: 'fx.plain', view: '16-bit' }, 'invalid-request'],
      ];
      for (const [payload, code] of cases) {
        const reply = await host.client.callUnchecked('removeDriver', payload);
        assert.ok(!reply.ok && reply.error.code === code, `${JSON.stringify(payload)}: ${JSON.stringify(reply)}`);
      }
      const history = await host.client.call('changeHistory', {});
      assert.deepEqual(history.ok && history.value, [], 'nothing was written');
      assert.deepEqual(log.lines(), []);
    });

    it('never loads a DLL named like the alias from the working directory (OpenDriver is given the section)', async () => {
      // Winmm without a section name tries LoadLibrary(alias) first. Plant a DLL under the
      // alias's name where that would find it: the driver host's and the panel's working folders.
      const planted = [join(driveC, 'windows', 'system32', 'fx.plain'), join(root, 'fx.plain')];
      for (const file of planted) copyFileSync(join(driveC, 'windows', 'system32', 'fixture.dll'), file);
      try {
        const reply = await host.client.call('probeDriver', { alias: 'fx.plain' });
        assert.ok(reply.ok, JSON.stringify(reply));
        assert.deepEqual(log.loadedModules(), ['c:/windows/system32/fixture.dll']);
        assert.equal(reply.value.loadedPath?.toLowerCase(), 'c:\\windows\\system32\\fixture.dll');
      } finally {
        for (const file of planted) rmSync(file, { force: true });
      }
    });

    it('never opens a registered alias that names a file, in the listing, its background probes or any request', async () => {
      const drivers = await probeEverything();
      assert.ok(drivers.some((d) => d.alias === 'fx.restart'), 'the background probes ran');
      const all = await detailed();
      for (const alias of Object.keys(unsafeFixtures).slice(0, 2)) {
        const entry = [...all.values()].find((d) => d.alias === alias);
        assert.deepEqual([entry?.status, entry?.openable], ['unreadable-value', false], alias);
        assert.match(entry?.statusDetail ?? '', /^The panel does not open this driver: its alias (looks like a file path|contains a space)/);
        for (const channel of ['probeDriver', 'configureDriver', 'installDriver']) {
          const reply = await host.client.callUnchecked(channel, { alias });
          assert.ok(!reply.ok && reply.error.code === 'invalid-alias', `${channel} ${alias}: ${JSON.stringify(reply)}`);
        }
        const sent = await host.client.call('sendMessage', { alias, message: DRV_USER, lParam1: '0', lParam2: '0' });
        assert.ok(!sent.ok && sent.error.code === 'invalid-alias');
      }
      const loaded = log.loadedModules();
      for (const file of unsafeAliasFiles) assert.ok(!loaded.some((m) => m.endsWith(`/${file}`)), `${file} was loaded: ${loaded.join(', ')}`);
      assert.ok(!log.lines().some((l) => l.driver === 'fx.harmless' || l.driver === 'fx.canary'), 'no unsafe alias was opened');
    });

    it('rejects an unknown channel', async () => {
      const reply = await host.client.callUnchecked('loadLibrary', { path: 'C:\\x.dll' });
      assert.ok(!reply.ok);
      assert.equal(reply.error.code, 'invalid-request');
    });
  });
});
