/**
 * The open panel notices registrations changed by other programs under Wine:
 * `reg` (as an installer writes) in each registry view, a value moved into a
 * disabled subkey, a line added to system.ini; an installer's burst of writes
 * is told as one change, not one per value; and the panel's own change is told
 * once, not again when the watch sees it.
 */
import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { NATIVE_VIEW, registryViews } from '../../app/views';
import { wineReg } from '../../scripts/wineRegistry';
import { registerFixtures } from './fixtureRegistry';
import { driveC, testPrefix, useBridgeHost, type Bench, type SuiteHost } from './wineBench';

const drivers32 = 'HKLM\\Software\\Microsoft\\Windows NT\\CurrentVersion\\Drivers32';
const systemIni = join(driveC, 'windows', 'system.ini');

/** Counts the `registrationsChanged` events from now on. */
function countChanges(host: SuiteHost): { count(): number; stop(): void } {
  let seen = 0;
  const stop = host.client.on('registrationsChanged', () => seen++);
  return { count: () => seen, stop };
}

/** Resolves once `count()` reaches `at least`, or fails after `ms`. */
async function changesReach(counter: { count(): number }, atLeast: number, ms: number, what: string): Promise<number> {
  const until = Date.now() + ms;
  while (counter.count() < atLeast) {
    if (Date.now() > until) assert.fail(`${what}: ${counter.count()} change events after ${ms} ms`);
    await new Promise((r) => setTimeout(r, 50));
  }
  return counter.count();
}

const settle = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

async function listedAliases(host: SuiteHost): Promise<string[]> {
  const reply = await host.client.call('listDrivers', {});
  assert.ok(reply.ok, JSON.stringify(reply));
  return reply.value.drivers.map((d) => `${d.alias} ${d.view} ${d.status}`);
}

describe('the open panel notices registrations changed elsewhere', () => {
  const originalIni = readFileSync(systemIni);
  let wine: NodeJS.ProcessEnv = {};
  const host = useBridgeHost((bench: Bench) => {
    const watched = { 'fx.watched': 'fixture.dll name=fx.watched' };
    registerFixtures(testPrefix, bench.env, watched, watched);
    wine = bench.env;
    return {};
  });
  after(() => writeFileSync(systemIni, originalIni));

  for (const view of registryViews) {
    it(`${view}: a value another program adds, and one it moves into a disabled subkey, are each told once`, async () => {
      await listedAliases(host);
      const changes = countChanges(host);
      try {
        wineReg(wine, view, 'add', drivers32, '/v', `fx.added${view.slice(0, 2)}`, '/d', 'fixture.dll', '/f');
        await changesReach(changes, 1, 5000, 'after reg add');
        await settle(800);
        assert.equal(changes.count(), 1, 'one value, one change');
        assert.ok((await listedAliases(host)).includes(`fx.added${view.slice(0, 2)} ${view} ok`));
        // As Autoruns disables: the value moves into its subkey.
        wineReg(wine, view, 'add', `${drivers32}\\AutorunsDisabled`, '/v', 'fx.watched', '/d', 'fixture.dll name=fx.watched', '/f');
        wineReg(wine, view, 'delete', drivers32, '/v', 'fx.watched', '/f');
        await changesReach(changes, 2, 5000, 'after a value moved into AutorunsDisabled');
        assert.ok((await listedAliases(host)).includes(`fx.watched ${view} disabled`));
      } finally {
        changes.stop();
      }
    });
  }

  it("an installer's burst of forty values is told as one or two changes, not forty", async () => {
    const values = Array.from({ length: 40 }, (_, i) => `"msacm.burst${i}"="fixture.dll"`).join('\r\n');
    const file = join(driveC, 'burst.reg');
    writeFileSync(file, `\ufeffWindows Registry Editor Version 5.00\r\n\r\n[${drivers32}]\r\n${values}\r\n`, 'utf16le');
    const changes = countChanges(host);
    try {
      wineReg(wine, NATIVE_VIEW, 'import', 'C:\\burst.reg');
      await changesReach(changes, 1, 5000, 'after reg import');
      await settle(2500);
      assert.ok(changes.count() <= 2, `${changes.count()} change events for one import`);
    } finally {
      changes.stop();
    }
    assert.equal((await listedAliases(host)).filter((a) => a.startsWith('msacm.burst')).length, 40);
  });

  it('a [drivers32] line added to system.ini is told within a few seconds', async () => {
    const changes = countChanges(host);
    try {
      writeFileSync(systemIni, readFileSync(systemIni, 'latin1').replace(/\[drivers32\]\r?\n/i, (header) => `${header}fx.inline=fixture.dll\r\n`), 'latin1');
      await changesReach(changes, 1, 4000, 'after system.ini changed');
    } finally {
      changes.stop();
    }
    assert.ok((await listedAliases(host)).some((a) => a.startsWith('fx.inline ')));
  });

  // fx.added64 lives in the registry only; fx.ini in system.ini only, which the watch sees within its poll.
  for (const alias of ['fx.added64', 'fx.ini']) {
    it(`the panel's own change is told once, not again when the watch sees its writes (${alias})`, async () => {
      const changes = countChanges(host);
      try {
        const reply = await host.client.call('disableDriver', { alias, view: NATIVE_VIEW });
        assert.ok(reply.ok, JSON.stringify(reply));
        await changesReach(changes, 1, 2000, 'after the panel disabled a driver');
        await settle(2500);
        assert.equal(changes.count(), 1);
      } finally {
        changes.stop();
      }
    });
  }
});
