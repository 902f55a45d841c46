/**
 * The real driver service under Wine against our own fixture driver, which logs
 * every message it receives. These tests pin down exactly what the panel sends.
 */
import assert from 'node:assert/strict';
import { copyFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { setTimeout as delay } from 'node:timers/promises';
import { beforeEach, describe, it } from 'node:test';
import type { DriverEntry } from '../../app/drivers';
import { DRV_CLOSE, DRV_CONFIGURE, DRV_DISABLE, DRV_ENABLE, DRV_FREE, DRV_INSTALL, DRV_LOAD, DRV_OPEN, DRV_QUERYCONFIGURE, DRV_REMOVE, DRV_USER } from '../../app/messages';
import { root } from '../../scripts/prepare-wine';
import { FixtureLog, registerFixtures } from './fixtureRegistry';
import { driveC, testPrefix, useBridgeHost, windowsPath } from './wineBench';

const lifecycle = (middle: number): number[] => [DRV_LOAD, DRV_ENABLE, DRV_OPEN, middle, DRV_CLOSE, DRV_DISABLE, DRV_FREE];

describe('fixture drivers', () => {
  const log = new FixtureLog(join(driveC, 'fixture-log.jsonl'));
  const host = useBridgeHost((bench) => {
    registerFixtures(testPrefix, bench.env);
    return { FIXTURE_DRIVER_LOG: windowsPath(log.path) };
  });

  beforeEach(() => log.clear());

  async function entries(): Promise<Map<string, DriverEntry>> {
    const reply = await host.client.call('listDrivers', {});
    assert.ok(reply.ok, JSON.stringify(reply));
    return new Map(reply.value.drivers.map((d) => [d.id, d]));
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

    it('resolves the file, reads its version resource, and keeps the registered parameters', async () => {
      const entry = (await entries()).get('64-bit:fx.restart');
      assert.ok(entry);
      assert.equal(entry.file, 'fixture.dll');
      assert.equal(entry.path?.toLowerCase(), 'c:\\windows\\system32\\fixture.dll');
      assert.equal(entry.exists, true);
      assert.equal(entry.status, 'ok');
      assert.deepEqual(entry.version, {
        fileDescription: 'Fixture installable driver',
        companyName: 'Drivers Panel Test Bench',
        fileVersion: '1.2.3.4',
        productName: 'Drivers Panel fixtures',
      });
    });

    it('marks a registration whose file is missing, and explains it', async () => {
      const entry = (await entries()).get('64-bit:fx.missing');
      assert.equal(entry?.exists, false);
      assert.equal(entry.path, null);
      assert.equal(entry.status, 'missing-file');
      assert.match(entry.statusDetail ?? '', /nosuchdriver\.dll.*not found/);
    });

    it('expands a REG_EXPAND_SZ registration to an absolute path', async () => {
      const entry = (await entries()).get('64-bit:fx.expand');
      assert.equal(entry?.file.toLowerCase(), 'c:\\windows\\system32\\fixture.dll');
      assert.equal(entry.exists, true);
    });

    it('skips a non-string value with a recorded reason instead of failing the listing', async () => {
      const reply = await host.client.call('listDrivers', {});
      assert.ok(reply.ok);
      const skipped = reply.value.skipped.find((s) => s.name === 'fx.dword');
      assert.equal(skipped?.view, '64-bit');
      assert.match(skipped.reason, /REG_DWORD/);
      assert.equal(reply.value.drivers.some((d) => d.alias === 'fx.dword'), false);
    });

    it('lists 32-bit-view drivers as not openable from this 64-bit panel, and never opens them', async () => {
      const entry = (await entries()).get('32-bit:fx.wow');
      assert.equal(entry?.view, '32-bit');
      assert.equal(entry.status, 'other-architecture');
      assert.equal(entry.path?.toLowerCase(), 'c:\\windows\\syswow64\\fixture.dll');
      const reply = await host.client.call('probeDriver', { alias: 'fx.wow' });
      assert.ok(!reply.ok);
      assert.equal(reply.error.code, 'other-architecture');
      assert.deepEqual(log.lines(), []);
    });

    it('does not touch any driver while listing', async () => {
      await entries();
      assert.deepEqual(log.lines(), []);
    });
  });

  describe('probing', () => {
    it('sends exactly open, DRV_QUERYCONFIGURE, close and keeps the sign of the answer', async () => {
      const reply = await host.client.call('probeDriver', { alias: 'fx.negative' });
      assert.ok(reply.ok, JSON.stringify(reply));
      assert.notEqual(log.lines()[0]?.pid, host.ready.pid, 'the driver runs in the driver host, not in the panel process');
      assert.equal(reply.value.raw, '-1');
      assert.equal(reply.value.configurable, true);
      assert.equal(reply.value.loadedPath?.toLowerCase(), 'c:\\windows\\system32\\fixture.dll');
      const lines = log.lines();
      assert.deepEqual(lines.map((l) => l.msg), lifecycle(DRV_QUERYCONFIGURE));
      assert.equal(lines[2]?.args, 'name=fx.negative query=-1 configure=1', 'DRV_OPEN received the registered parameters');
      assert.deepEqual([lines[3]?.lp1, lines[3]?.lp2], ['0', '0']);
    });

    it('reports a driver that refuses DRV_OPEN as open-failed, in the probe and in the list', async () => {
      const reply = await host.client.call('probeDriver', { alias: 'fx.refuse' });
      assert.ok(!reply.ok);
      assert.equal(reply.error.code, 'open-failed');
      // One open attempt and nothing after it (Wine's winmm unloads the module without DRV_DISABLE/DRV_FREE).
      assert.deepEqual(log.lines().map((l) => l.msg), [DRV_LOAD, DRV_ENABLE, DRV_OPEN]);
      const entry = (await entries()).get('64-bit:fx.refuse');
      assert.equal(entry?.status, 'open-failed');
      assert.match(entry.statusDetail ?? '', /could not open fx\.refuse/);
    });

    it('streams outcomes for every openable driver, one driver at a time', async () => {
      const all = await entries();
      const openable = [...all.values()].filter((d) => d.view === '64-bit' && d.exists);
      const events = host.client.collect('probeOutcome', openable.length);
      const reply = await host.client.call('probeAll', {});
      assert.ok(reply.ok);
      assert.equal(reply.value.queued, openable.length);
      const outcomes = await events;
      assert.deepEqual(new Set(outcomes.map((o) => o.alias)), new Set(openable.map((d) => d.alias)));
      const byAlias = new Map(outcomes.map((o) => [o.alias, o]));
      assert.equal(byAlias.get('fx.plain')?.ok && byAlias.get('fx.plain')?.ok === true, true);
      // Never two drivers at once: every successful DRV_OPEN is closed before the next DRV_OPEN.
      let open = false;
      for (const line of log.lines()) {
        if (line.msg === DRV_OPEN) {
          assert.equal(open, false, `${line.driver} was opened while another driver was open`);
          open = line.result !== '0';
        }
        if (line.msg === DRV_CLOSE) open = false;
      }
    });
  });

  it("runs a person's request ahead of the queued background probes", async () => {
    const queued = [...(await entries()).values()].filter((d) => d.view === '64-bit' && d.exists).length;
    const all = host.client.collect('probeOutcome', queued + 1);
    const probeAll = await host.client.call('probeAll', {});
    assert.ok(probeAll.ok);
    // The background queue runs in alias order; fx.slow (1.2 s) comes before msacm.* and vidc.*,
    // so those are certainly still queued when this request arrives.
    const id = host.client.peekNextId();
    const reply = await host.client.call('probeDriver', { alias: 'vidc.mrle' });
    assert.ok(reply.ok);
    await all;
    const stream = host.client.received;
    const replyAt = stream.lastIndexOf(`reply:${id}`);
    for (const waiting of ['msacm.imaadpcm', 'msacm.msgsm610', 'vidc.cvid', 'vidc.msvc']) {
      assert.ok(replyAt < stream.lastIndexOf(`probeOutcome:${waiting}`), `the request was answered before the queued probe of ${waiting}`);
    }
  });

  it('does not queue a driver again while its background probe is still waiting', async () => {
    const mark = host.client.received.length;
    assert.ok((await host.client.call('probeAll', {})).ok);
    // fx.slow (1.2 s) holds the queue: the Wine drivers behind it are still waiting for this second request.
    assert.ok((await host.client.call('probeAll', {})).ok);
    // vidc.msvc is probed last; a duplicate would follow it within milliseconds.
    while (!host.client.received.slice(mark).includes('probeOutcome:vidc.msvc')) await delay(50);
    await delay(300);
    const probesOf = (alias: string): number => host.client.received.slice(mark).filter((e) => e === `probeOutcome:${alias}`).length;
    assert.equal(probesOf('msacm.imaadpcm'), 1);
    assert.equal(probesOf('vidc.msvc'), 1);
  });

  describe('configure, install, remove', () => {
    it('passes the parent window and a packed DRVCONFIGINFO (20 bytes, Drivers32, alias) to DRV_CONFIGURE', async () => {
      const reply = await host.client.call('configureDriver', { alias: 'fx.restart' });
      assert.ok(reply.ok, JSON.stringify(reply));
      assert.deepEqual(reply.value, { alias: 'fx.restart', action: 'configure', result: 'restart', raw: '2', restartRequired: true });
      const lines = log.lines();
      // The service probes first (configure only if DRV_QUERYCONFIGURE is nonzero), then configures.
      assert.deepEqual(lines.map((l) => l.msg), [...lifecycle(DRV_QUERYCONFIGURE), ...lifecycle(DRV_CONFIGURE)]);
      const configure = lines.find((l) => l.msg === DRV_CONFIGURE);
      // The bench has no window of its own, so the driver host lends its hidden owner window.
      assert.notEqual(configure?.lp1, '0', 'lParam1 is an owner window handle');
      assert.equal(configure?.parentIsWindow, 1, 'lParam1 is a live window');
      assert.deepEqual(configure.dci, { size: 20, section: 'Drivers32', alias: 'fx.restart' });
    });

    it('does not send DRV_CONFIGURE to a driver whose DRV_QUERYCONFIGURE answered 0', async () => {
      const reply = await host.client.call('configureDriver', { alias: 'fx.plain' });
      assert.ok(!reply.ok);
      assert.equal(reply.error.code, 'not-configurable');
      assert.deepEqual(log.lines().map((l) => l.msg), lifecycle(DRV_QUERYCONFIGURE));
    });

    it('reports a cancelled configuration as cancel', async () => {
      const reply = await host.client.call('configureDriver', { alias: 'fx.cancel' });
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
        const reply = await host.client.call('installDriver', { alias });
        assert.ok(reply.ok, JSON.stringify(reply));
        assert.equal(reply.value.result, result);
        assert.equal(reply.value.raw, raw);
        const lines = log.lines();
        assert.deepEqual(lines.map((l) => l.msg), lifecycle(DRV_INSTALL));
        assert.deepEqual(lines[3]?.dci, { size: 20, section: 'Drivers32', alias });
      }
    });

    it('sends DRV_REMOVE with no parameters and reports a restart requirement', async () => {
      const reply = await host.client.call('removeDriver', { alias: 'fx.restart' });
      assert.ok(reply.ok);
      assert.equal(reply.value.result, 'restart');
      const lines = log.lines();
      assert.deepEqual(lines.map((l) => l.msg), lifecycle(DRV_REMOVE));
      assert.deepEqual([lines[3]?.lp1, lines[3]?.lp2], ['0', '0']);
      const restarts = await host.client.call('restartRequirements', {});
      assert.ok(restarts.ok);
      assert.ok(restarts.value.some((r) => r.alias === 'fx.restart' && r.action === 'remove'));
    });
  });

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

    it('refuses Winmm lifecycle and pointer-taking messages without loading the driver', async () => {
      for (const message of [DRV_OPEN, DRV_CONFIGURE, DRV_INSTALL, DRV_FREE]) {
        const reply = await host.client.call('sendMessage', { alias: 'fx.plain', message, lParam1: '0', lParam2: '0' });
        assert.ok(!reply.ok);
        assert.equal(reply.error.code, 'message-not-allowed');
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
        for (const channel of ['probeDriver', 'configureDriver', 'installDriver', 'removeDriver']) {
          const reply = await host.client.callUnchecked(channel, payload);
          assert.ok(!reply.ok, `${channel} accepted ${JSON.stringify(payload)}`);
          assert.equal(reply.error.code, code);
          assert.ok(reply.error.message.length > 10, 'the message says what to do');
        }
        assert.deepEqual(log.lines(), []);
      });
    }

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

    it('rejects an unknown channel', async () => {
      const reply = await host.client.callUnchecked('loadLibrary', { path: 'C:\\x.dll' });
      assert.ok(!reply.ok);
      assert.equal(reply.error.code, 'invalid-request');
    });
  });
});
