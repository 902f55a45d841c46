/**
 * Authenticode signatures of driver files, read by the real service under Wine
 * with Wine's WinVerifyTrust: signed copies of the fixture (osslsigncode, test
 * certificates; scripts/prepare-wine.ts), one changed after signing, and the
 * unsigned fixture and Wine codecs. Read with the file details, off the
 * panel's main thread, and streamed with them.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { join } from 'node:path';
import type { DriverEntry, DriverListing } from '../../app/drivers';
import { runCli, type CliRun } from './cliRunner';
import { FixtureLog, registerFixtures, signedFixtureDrivers } from './fixtureRegistry';
import { driveC, testPrefix, useBridgeHost, windowsPath } from './wineBench';

describe('file dates and signatures', () => {
  const log = new FixtureLog(join(driveC, 'signatures-fixture-log.jsonl'));
  let benchEnv: NodeJS.ProcessEnv = {};
  const host = useBridgeHost((bench) => {
    benchEnv = bench.env;
    registerFixtures(testPrefix, bench.env, signedFixtureDrivers);
    log.clear();
    return { FIXTURE_DRIVER_LOG: windowsPath(log.path) };
  });

  async function settled(): Promise<Map<string, DriverEntry>> {
    const reply = await host.client.call('listDrivers', { probe: 'none' });
    assert.ok(reply.ok, JSON.stringify(reply));
    const ids = reply.value.drivers.map((d) => d.id);
    await host.client.settled(ids);
    // Signatures follow the other details of every file, as updates of their own.
    await host.client.until(() => ids.every((id) => {
      const details = host.client.entry(id)?.details;
      return !details?.path || details.signature !== null;
    }), 'every found file has its signature');
    return new Map(ids.flatMap((id) => {
      const entry = host.client.entry(id);
      return entry ? [[entry.alias, entry]] : [];
    }));
  }

  it('names the signer of a signed file, says so when it was changed after signing, and says "not signed" otherwise', async () => {
    const entries = await settled();
    const signature = (alias: string) => entries.get(alias)?.details?.signature;
    assert.deepEqual(signature('fx.signed'), {
      verdict: 'verified',
      signer: 'Drivers Panel Test Signer',
      source: 'embedded',
      catalog: null,
      code: '0x00000000',
      text: 'Signed by Drivers Panel Test Signer, verified',
    });
    assert.equal(signature('fx.mssigned')?.signer, 'Microsoft Windows');
    assert.deepEqual([signature('fx.tampered')?.verdict, signature('fx.tampered')?.code], ['tampered', '0x80096010']);
    assert.equal(signature('fx.tampered')?.text.startsWith('The file was changed after it was signed'), true);
    for (const alias of ['fx.plain', 'msacm.imaadpcm', 'vidc.cvid']) {
      assert.deepEqual([alias, signature(alias)?.verdict, signature(alias)?.code], [alias, 'unsigned', '0x800B0100']);
    }
    assert.equal(signature('fx.missing'), null, 'no file, nothing to verify');
    const signed = entries.get('fx.signed')?.details;
    assert.match(signed?.created ?? '', /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/, 'the creation date, read from the file');
    assert.equal(entries.get('fx.missing')?.details?.created, null);
    assert.deepEqual(log.loadedModules(), [], 'verifying a signature loads no driver');
    const order = host.client.received.filter((r) => r.startsWith('entry:fx.signed:'));
    assert.ok(order.length >= 2, `the signature came as an update after the details: ${order.join(', ')}`);
  });

  it('leaves signatures out of the CLI\'s list unless --signatures asks for them, as Autoruns leaves its check off', async () => {
    const env = { ...benchEnv, WINEPREFIX: testPrefix, DRIVERS_PANEL_STATE_DIR: windowsPath(join(driveC, 'signatures-cli-state')) };
    const signatureOf = (run: CliRun): unknown => (JSON.parse(run.stdout) as DriverListing).drivers.find((d) => d.alias === 'fx.signed')?.details?.signature;
    const plain = await runCli(env, ['list', '--no-probe', '--json']);
    assert.equal(plain.status, 0, plain.stderr);
    assert.equal(signatureOf(plain), null, 'not checked');
    const checked = await runCli(env, ['list', '--no-probe', '--json', '--signatures']);
    assert.equal(checked.status, 0, checked.stderr);
    assert.deepEqual((signatureOf(checked) as { verdict?: string } | null)?.verdict, 'verified');
  });
});
