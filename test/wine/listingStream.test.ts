/**
 * A listing of hundreds of registrations under Wine: the service hands them on
 * in batches while it reads them, before its reply, each as the panel may show
 * it (with what is remembered about the driver), and the reply stays the listing.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { REGISTRATIONS_PER_BATCH, type DriverEntry } from '../../app/drivers';
import { bulkFixtures, registerFixtures } from './fixtureRegistry';
import { testPrefix, useBridgeHost } from './wineBench';

const BULK = 450;
const bulk = bulkFixtures('stream', BULK);

describe("a streamed listing (64-bit probes: the batches are the same for both views; the 32-bit host's probes are in fixture drivers)", () => {
  const host = useBridgeHost((bench) => {
    registerFixtures(testPrefix, bench.env, bulk);
    return {};
  });

  /** Lists, keeping each batch found and whether it came before the reply. */
  async function listStreamed(): Promise<{ batches: DriverEntry[][]; late: number; drivers: DriverEntry[] }> {
    const batches: DriverEntry[][] = [];
    let replied = false;
    let late = 0;
    const off = host.client.on('registrationsFound', (found) => {
      if (replied) late++;
      batches.push(found);
    });
    try {
      const reply = await host.client.call('listDrivers', {});
      replied = true;
      assert.ok(reply.ok, JSON.stringify(reply));
      return { batches, late, drivers: reply.value.drivers };
    } finally {
      off();
    }
  }

  it('hands on full batches of registrations before its reply, each as the reply lists it', async () => {
    const { batches, late, drivers } = await listStreamed();
    assert.equal(late, 0, 'a batch came after the reply');
    assert.ok(batches.length >= Math.floor(BULK / REGISTRATIONS_PER_BATCH), `${batches.length} batches for ${BULK} registrations`);
    assert.deepEqual(
      batches.map((b) => b.length),
      batches.map(() => REGISTRATIONS_PER_BATCH),
    );
    const listed = new Map(drivers.map((d) => [d.id, d]));
    const found = batches.flat();
    for (const entry of found) {
      const final = listed.get(entry.id) ?? assert.fail(`${entry.id} was found but is not in the listing`);
      assert.deepEqual([entry.alias, entry.file, entry.parameters, entry.view], [final.alias, final.file, final.parameters, final.view]);
      assert.ok(entry.revision < final.revision, 'the listing is newer than what was found before it');
    }
    const streamed = found.filter((e) => e.alias.startsWith('msacm.stream')).length;
    assert.ok(streamed >= REGISTRATIONS_PER_BATCH, `only ${streamed} of the bulk registrations were streamed`);
  });

  it('hands on what is remembered about a driver: a probed driver comes with its Configure… flag', async () => {
    const { drivers } = await listStreamed();
    const first = drivers.find((d) => d.alias === 'msacm.stream001') ?? assert.fail('msacm.stream001 is not listed');
    await host.client.settled([first.id]);
    const probed = await host.client.call('probeDriver', { alias: first.alias });
    assert.ok(probed.ok, JSON.stringify(probed));
    const { batches } = await listStreamed();
    const again = batches.flat().find((e) => e.id === first.id) ?? assert.fail('msacm.stream001 was not streamed');
    assert.equal(again.probe?.configurable, true);
  });
});
