/**
 * The packaged app's Electron glue, on Windows only (Electron cannot run on the
 * Linux bench): the window's security settings, the preload exposing exactly
 * the contract, and the real drivers of the Windows runner in the list.
 * Run with `npm run test:electron` (the Windows CI workflow does, against the
 * checkout and against the installed app).
 */
import assert from 'node:assert/strict';
import { readFile, readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { _electron as electron, type ElectronApplication, type Page } from 'playwright-core';
import { channels } from '../../app/contract';
import { APP_ENTRY } from '../../main/window/securityPolicy';
import { details, probesDone, select } from '../ui/panelPage';

const root = join(import.meta.dirname, '..', '..');

describe('the Electron app on Windows', () => {
  let app: ElectronApplication | undefined;
  let page: Page | undefined;
  const panel = (): Page => {
    if (!page) throw new Error('the app did not start');
    return page;
  };

  before(async () => {
    // DRIVERS_PANEL_EXE: the installed app (the Windows workflow installs the built installer); else the checkout.
    const installed = process.env.DRIVERS_PANEL_EXE;
    app = await electron.launch(installed ? { executablePath: installed, args: [] } : { args: [root] });
    page = await app.firstWindow();
    await page.waitForLoadState('domcontentloaded');
  });
  after(async () => app?.close());

  it('loads the app from app://panel with the panel title', async () => {
    assert.equal(panel().url(), APP_ENTRY);
    assert.equal(await panel().title(), 'Multimedia drivers');
  });

  it('gives the renderer no Node and exactly the contract on window.driversPanel', async () => {
    const seen = await panel().evaluate(() => ({
      require: typeof (globalThis as { require?: unknown }).require,
      process: typeof (globalThis as { process?: unknown }).process,
      api: Object.keys(window.driversPanel).sort(),
    }));
    assert.equal(seen.require, 'undefined');
    assert.equal(seen.process, 'undefined');
    assert.deepEqual(seen.api, [...channels, 'on'].sort());
  });

  it('copies details to the clipboard and denies every other permission request and check', async () => {
    const copied = await panel().evaluate(async () => navigator.clipboard.writeText('drivers panel clipboard check').then(() => 'written', (e: unknown) => String(e)));
    assert.equal(copied, 'written');
    assert.equal(await app?.evaluate(({ clipboard }) => clipboard.readText()), 'drivers panel clipboard check');
    const seen = await panel().evaluate(async () => ({
      notification: await Notification.requestPermission(),
      geolocation: (await navigator.permissions.query({ name: 'geolocation' })).state,
      clipboardRead: await navigator.clipboard.readText().then(() => 'read', (error: unknown) => (error instanceof DOMException ? error.name : 'error')),
      camera: await navigator.mediaDevices.getUserMedia({ video: true }).then(
        () => 'granted',
        (error: unknown) => (error instanceof DOMException ? error.name : 'error'),
      ),
    }));
    assert.deepEqual(seen, { notification: 'denied', geolocation: 'denied', clipboardRead: 'NotAllowedError', camera: 'NotAllowedError' });
  });

  it('blocks window.open and navigation away from the app', async () => {
    const opened = await panel().evaluate(() => window.open('https://example.com/') === null);
    assert.equal(opened, true);
    await panel().evaluate(() => {
      window.location.href = 'https://example.com/';
    });
    await panel().waitForTimeout(500);
    assert.equal(panel().url(), APP_ENTRY);
  });

  it('lists the real drivers of this Windows machine, with Configure… only where probed nonzero', async () => {
    await probesDone(panel(), 60_000);
    const listing = await panel().evaluate(() => window.driversPanel.listDrivers({ probe: 'none' }));
    assert.ok(listing.ok, 'the list is there');
    const aliases = listing.value.drivers.filter((d) => d.openable).map((d) => d.alias);
    // An alias registered in both registry views would make the row ambiguous.
    const single = aliases.filter((alias) => aliases.indexOf(alias) === aliases.lastIndexOf(alias));
    assert.ok(single.length > 0, 'Windows has openable drivers');
    let compared = 0;
    for (const alias of single) {
      const probe = await panel().evaluate((a) => window.driversPanel.probeDriver({ alias: a }), alias);
      if (!probe.ok) continue;
      compared++;
      await select(panel(), alias);
      const buttons = await details(panel()).getByRole('button', { name: 'Configure…' }).count();
      assert.equal(buttons, probe.value.configurable ? 1 : 0, `${alias} answered ${probe.value.raw}`);
    }
    assert.ok(compared > 0, 'at least one driver answered its probe');
    await panel().screenshot({ path: join(root, 'test-results', 'electron-list.png') });
  });

  it("keeps V8's compiled panel script between loads (the app scheme's code cache)", async () => {
    const userData = await app?.evaluate(({ app: electronApp }) => electronApp.getPath('userData'));
    assert.ok(userData);
    const cache = join(userData, 'Code Cache', 'js');
    // Chromium writes a script's code cache once it has seen it load more than once.
    for (let load = 0; load < 2; load++) await panel().reload({ waitUntil: 'load' });
    const cachesPanelScript = async (): Promise<boolean> => {
      const files = await readdir(cache).catch(() => []);
      const contents = await Promise.all(files.map((f) => readFile(join(cache, f)).catch(() => Buffer.alloc(0))));
      return contents.some((c) => c.includes('app://panel/assets/'));
    };
    const deadline = Date.now() + 15_000;
    while (!(await cachesPanelScript()) && Date.now() < deadline) await panel().waitForTimeout(250);
    assert.ok(await cachesPanelScript(), `no code cache entry for app://panel/assets/ in ${cache}`);
  });
});
