/**
 * The real driver service under Wine against Wine's own eight drivers, whose
 * DRV_QUERYCONFIGURE answers are known (shared/notes/windows-on-linux.md):
 * the 64-bit builds from system.ini, then the 32-bit builds in SysWOW64,
 * registered in the 32-bit view as 64-bit Windows registers its own codecs.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { DriverListing } from '../../app/drivers';
import { registerFixtures } from './fixtureRegistry';
import { testPrefix, useBridgeHost } from './wineBench';

/** Cinepak and MS Video 1 answer -1 from their default branch: ICERR_UNSUPPORTED, no dialog. */
const wineDrivers: Record<string, { file: string; raw: string; configurable: boolean }> = {
  'msacm.imaadpcm': { file: 'imaadp32.acm', raw: '1', configurable: true },
  'msacm.msadpcm': { file: 'msadp32.acm', raw: '1', configurable: true },
  'msacm.msg711': { file: 'msg711.acm', raw: '1', configurable: true },
  'msacm.l3acm': { file: 'l3codeca.acm', raw: '1', configurable: true },
  'msacm.msgsm610': { file: 'msgsm32.acm', raw: '1', configurable: true },
  'vidc.mrle': { file: 'msrle32.dll', raw: '0', configurable: false },
  'vidc.msvc': { file: 'msvidc32.dll', raw: '-1', configurable: false },
  'vidc.cvid': { file: 'iccvid.dll', raw: '-1', configurable: false },
};
const ids = Object.keys(wineDrivers).map((alias) => `64-bit:${alias}`);

describe("Wine's built-in drivers", () => {
  const host = useBridgeHost();

  async function list(probe: 'none' | 'new' = 'none'): Promise<DriverListing> {
    const reply = await host.client.call('listDrivers', { probe });
    assert.ok(reply.ok, JSON.stringify(reply));
    return reply.value;
  }

  it('lists all eight from system.ini at once, then streams where each file is', async () => {
    const { drivers } = await list();
    for (const [alias, { file }] of Object.entries(wineDrivers)) {
      const entry = drivers.find((d) => d.alias === alias);
      assert.ok(entry, `${alias} is listed`);
      assert.equal(entry.file, file);
      assert.deepEqual(entry.sources, ['system.ini']);
      assert.equal(entry.view, '64-bit');
      assert.equal(entry.kind, alias.startsWith('msacm.') ? 'acm' : 'vidc');
      assert.equal(entry.pending, 'details', 'the registration comes first, its file details after');
      assert.equal(entry.openable, true);
    }
    await host.client.settled(ids);
    for (const [alias, { file }] of Object.entries(wineDrivers)) {
      const entry = host.client.entry(`64-bit:${alias}`);
      assert.equal(entry?.details?.path?.toLowerCase(), `c:\\windows\\system32\\${file}`);
      assert.ok((entry.details.identity?.size ?? 0) > 0, `${alias} has a size`);
      assert.equal(entry.status, 'ok');
    }
  });

  it('probes each driver once with the known DRV_QUERYCONFIGURE answers, in the background', async () => {
    await list('new');
    await host.client.until(() => ids.every((id) => host.client.entry(id)?.probe && host.client.entry(id)?.pending === null), 'all eight probed');
    for (const [alias, { raw, file, configurable }] of Object.entries(wineDrivers)) {
      const probe = host.client.entry(`64-bit:${alias}`)?.probe;
      assert.equal(probe?.raw, raw, `${alias} raw result keeps its sign`);
      assert.equal(probe.configurable, configurable, alias);
      assert.equal(probe.loadedPath?.toLowerCase(), `c:\\windows\\system32\\${file}`);
    }
    const mark = host.client.received.length;
    const after = await list('new');
    assert.equal(after.drivers.find((d) => d.alias === 'vidc.mrle')?.probe?.configurable, false, 'the listing carries the known answers at once');
    assert.equal(after.drivers.find((d) => d.alias === 'vidc.cvid')?.probe?.raw, '-1');
    await host.client.settled(ids);
    const probedAgain = host.client.received.slice(mark).filter((e) => /^entry:(msacm|vidc)\.[a-z0-9]+:probe$/.test(e));
    assert.deepEqual(probedAgain, [], 'drivers with a valid probe result are not probed again');
  });

  it("answers msacm.imaadpcm's DRV_INSTALL and DRV_REMOVE with a restart requirement; undo registers it again", async () => {
    const install = await host.client.call('installDriver', { alias: 'msacm.imaadpcm' });
    assert.ok(install.ok, JSON.stringify(install));
    assert.deepEqual([install.value.result, install.value.raw, install.value.restartRequired], ['restart', '2', true]);
    // imaadp32.acm has no other registration, so the driver is told.
    const removal = await host.client.call('removeDriver', { alias: 'msacm.imaadpcm' });
    assert.ok(removal.ok, JSON.stringify(removal));
    assert.deepEqual([removal.value.driverAnswer, removal.value.removed, removal.value.restartRequired], [{ result: 'restart', raw: '2' }, true, true]);
    assert.ok(!(await list()).drivers.some((d) => d.alias === 'msacm.imaadpcm'));
    const undone = await host.client.call('undoChange', {});
    assert.ok(undone.ok, JSON.stringify(undone));
    assert.equal((await list()).drivers.find((d) => d.alias === 'msacm.imaadpcm')?.file, 'imaadp32.acm');
    const restarts = await host.client.call('restartRequirements', {});
    assert.ok(restarts.ok);
    assert.deepEqual(
      restarts.value.map((r) => [r.id, r.action]),
      [['64-bit:msacm.imaadpcm', 'install'], ['64-bit:msacm.imaadpcm', 'remove']],
    );
  });
});

describe("Wine's 32-bit built-in drivers, in the 32-bit view", () => {
  const host = useBridgeHost((bench) => {
    registerFixtures(testPrefix, bench.env, {}, Object.fromEntries(Object.entries(wineDrivers).map(([alias, { file }]) => [alias, file])));
    return {};
  });
  const ids32 = Object.keys(wineDrivers).map((alias) => `32-bit:${alias}`);

  it('lists, probes and streams each with the same answers as its 64-bit build, loaded from SysWOW64 by the 32-bit host', async () => {
    const listed = await host.client.call('listDrivers', { probe: 'new' });
    assert.ok(listed.ok, JSON.stringify(listed));
    await host.client.until(() => ids32.every((id) => host.client.entry(id)?.probe && host.client.entry(id)?.pending === null), 'all eight probed');
    for (const [alias, { raw, file, configurable }] of Object.entries(wineDrivers)) {
      const entry = host.client.entry(`32-bit:${alias}`);
      assert.deepEqual([entry?.view, entry?.sources, entry?.status, entry?.openable], ['32-bit', ['registry'], 'ok', true], alias);
      assert.equal(entry?.details?.path?.toLowerCase(), `c:\\windows\\syswow64\\${file}`);
      assert.equal(entry.probe?.raw, raw, `${alias} raw result keeps its sign`);
      assert.equal(entry.probe.configurable, configurable, alias);
      assert.equal(entry.probe.loadedPath?.toLowerCase(), `c:\\windows\\syswow64\\${file}`);
    }
  });

  it("answers msacm.imaadpcm's DRV_INSTALL and DRV_REMOVE in the 32-bit view with a restart requirement; undo registers it again", async () => {
    const install = await host.client.call('installDriver', { alias: 'msacm.imaadpcm', view: '32-bit' });
    assert.ok(install.ok, JSON.stringify(install));
    assert.deepEqual([install.value.result, install.value.raw, install.value.restartRequired], ['restart', '2', true]);
    const removal = await host.client.call('removeDriver', { alias: 'msacm.imaadpcm', view: '32-bit' });
    assert.ok(removal.ok, JSON.stringify(removal));
    assert.deepEqual([removal.value.driverAnswer, removal.value.removed, removal.value.restartRequired], [{ result: 'restart', raw: '2' }, true, true]);
    const after = await host.client.call('listDrivers', {});
    assert.ok(after.ok);
    assert.ok(!after.value.drivers.some((d) => d.id === '32-bit:msacm.imaadpcm'), 'gone from the 32-bit view');
    assert.ok(after.value.drivers.some((d) => d.id === '64-bit:msacm.imaadpcm'), 'the 64-bit registration stays');
    const undone = await host.client.call('undoChange', {});
    assert.ok(undone.ok, JSON.stringify(undone));
    const restarts = await host.client.call('restartRequirements', {});
    assert.ok(restarts.ok);
    assert.deepEqual(
      restarts.value.map((r) => [r.id, r.action]),
      [['32-bit:msacm.imaadpcm', 'install'], ['32-bit:msacm.imaadpcm', 'remove']],
    );
  });
});
