/**
 * The packaged app's Electron glue, on Windows only (Electron cannot run on the
 * Linux bench): the window's security settings, the preload exposing exactly
 * the contract, and the real drivers of the Windows runner in the list.
 * Run with `npm run test:electron` (the Windows CI workflow does).
 */
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { _electron as electron, type ElectronApplication, type Page } from 'playwright-core';
import { channels } from '../../app/contract';
import { APP_ENTRY } from '../../main/securityPolicy';

const root = join(import.meta.dirname, '..', '..');

describe('the Electron app on Windows', () => {
  let app: ElectronApplication | undefined;
  let page: Page | undefined;
  const panel = (): Page => {
    if (!page) throw new Error('the app did not start');
    return page;
  };

  before(async () => {
    app = await electron.launch({ args: [root] });
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
    const options = panel().locator('[role=option]');
    await options.first().waitFor({ timeout: 30_000 });
    assert.ok((await options.count()) > 0);
    await panel().getByText(/Checking \d+ driver/).waitFor({ state: 'detached', timeout: 60_000 });
    await panel().screenshot({ path: join(root, 'test-results', 'electron-list.png') });
  });
});
