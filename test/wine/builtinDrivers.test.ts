/**
 * The real driver service under Wine against Wine's own eight drivers, whose
 * DRV_QUERYCONFIGURE answers are known (shared/notes/windows-on-linux.md).
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { DriverListing, ProbeOutcome } from '../../app/drivers';
import { useBridgeHost } from './wineBench';

const wineDrivers: Record<string, { file: string; raw: string }> = {
  'msacm.imaadpcm': { file: 'imaadp32.acm', raw: '1' },
  'msacm.msadpcm': { file: 'msadp32.acm', raw: '1' },
  'msacm.msg711': { file: 'msg711.acm', raw: '1' },
  'msacm.l3acm': { file: 'l3codeca.acm', raw: '1' },
  'msacm.msgsm610': { file: 'msgsm32.acm', raw: '1' },
  'vidc.mrle': { file: 'msrle32.dll', raw: '0' },
  'vidc.msvc': { file: 'msvidc32.dll', raw: '-1' },
  'vidc.cvid': { file: 'iccvid.dll', raw: '-1' },
};

describe("Wine's built-in drivers", () => {
  const host = useBridgeHost();

  async function list(): Promise<DriverListing> {
    const reply = await host.client.call('listDrivers', {});
    assert.ok(reply.ok, JSON.stringify(reply));
    return reply.value;
  }

  it('lists all eight from system.ini, resolved in system32, before any probe', async () => {
    const { drivers } = await list();
    for (const [alias, { file }] of Object.entries(wineDrivers)) {
      const entry = drivers.find((d) => d.alias === alias);
      assert.ok(entry, `${alias} is listed`);
      assert.equal(entry.file, file);
      assert.equal(entry.path?.toLowerCase(), `c:\\windows\\system32\\${file}`);
      assert.equal(entry.exists, true);
      assert.deepEqual(entry.sources, ['system.ini']);
      assert.equal(entry.view, '64-bit');
      assert.equal(entry.kind, alias.startsWith('msacm.') ? 'acm' : 'vidc');
      assert.equal(entry.status, 'ok');
    }
  });

  it('streams a probe outcome per driver with the known DRV_QUERYCONFIGURE answers', async () => {
    const { drivers } = await list();
    const events = host.client.collect('probeOutcome', drivers.filter((d) => d.exists && d.view === '64-bit').length);
    const reply = await host.client.call('probeAll', {});
    assert.ok(reply.ok);
    const outcomes = new Map((await events).map((o: ProbeOutcome) => [o.alias, o]));
    for (const [alias, { raw, file }] of Object.entries(wineDrivers)) {
      const outcome = outcomes.get(alias);
      assert.ok(outcome?.ok, `${alias} probed: ${JSON.stringify(outcome)}`);
      assert.equal(outcome.probe.raw, raw, `${alias} raw result keeps its sign`);
      assert.equal(outcome.probe.configurable, raw !== '0');
      assert.equal(outcome.probe.loadedPath?.toLowerCase(), `c:\\windows\\system32\\${file}`);
    }
    const after = await list();
    assert.equal(after.drivers.find((d) => d.alias === 'vidc.mrle')?.probe?.configurable, false);
    assert.equal(after.drivers.find((d) => d.alias === 'vidc.cvid')?.probe?.raw, '-1');
  });

  it("answers msacm.imaadpcm's DRV_INSTALL and DRV_REMOVE with a restart requirement", async () => {
    for (const channel of ['installDriver', 'removeDriver'] as const) {
      const reply = await host.client.call(channel, { alias: 'msacm.imaadpcm' });
      assert.ok(reply.ok, JSON.stringify(reply));
      assert.equal(reply.value.result, 'restart');
      assert.equal(reply.value.raw, '2');
      assert.equal(reply.value.restartRequired, true);
    }
    const restarts = await host.client.call('restartRequirements', {});
    assert.ok(restarts.ok);
    assert.deepEqual(
      restarts.value.map((r) => [r.alias, r.action]),
      [['msacm.imaadpcm', 'install'], ['msacm.imaadpcm', 'remove']],
    );
  });
});
