/**
 * The real panel in Chromium on a machine with broken codecs: it stays usable
 * while drivers crash and hang, shows each one's state with a way back, lets a
 * person stop waiting for a driver, and keeps telling them about a pending
 * restart until Windows (here: Wine) restarts.
 */
import assert from 'node:assert/strict';
import { existsSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { setTimeout as delay } from 'node:timers/promises';
import { describe, it } from 'node:test';
import type { Locator } from 'playwright-core';
import { faultyFixtures } from '../wine/fixtureRegistry';
import { driveC } from '../wine/wineBench';
import { details, listedDrivers, option, search, select } from './panelPage';
import { screenshotDir, usePanel } from './uiBench';
import { NATIVE_VIEW } from '../../app/views';
import { wineReg } from '../../scripts/wineRegistry';

const PROBE_DEADLINE_MS = 2_000;

describe('the panel with crashing and hanging drivers', () => {
  const ui = usePanel(
    { ...faultyFixtures, 'fx.hangconfig': 'fixture.dll name=fx.hangconfig query=1 hang=7' },
    ['--probe-timeout', String(PROBE_DEADLINE_MS)],
    {},
    // Their 32-bit twins, run by the 32-bit host.
    { 'fx.crashwow': 'fixture.dll name=fx.crashwow query=1 crash=8', 'fx.hangwow': 'fixture.dll name=fx.hangwow query=1 hang=7' },
  );

  /** Selects `alias` and clicks `button`; resolves with Stop waiting once the driver hangs in `message` and the panel offers it. */
  async function hangingIn(alias: string, button: string, message: number): Promise<Locator> {
    const { page, log } = ui;
    await select(page, alias);
    log.clear();
    await details(page).getByRole('button', { name: button }).click();
    const stop = details(page).getByRole('button', { name: 'Stop waiting' });
    await stop.waitFor({ timeout: 10_000 });
    assert.ok(log.events().some((e) => e.event === 'hang' && e.driver === alias && e.msg === message), `${alias} is stuck in message ${message}`);
    return stop;
  }

  /** Clicks Stop waiting; resolves with what the panel answers. */
  async function stopWaiting(stop: Locator): Promise<string> {
    await stop.click();
    const alert = details(ui.page).getByRole('alert');
    await alert.waitFor();
    return (await alert.textContent()) ?? '';
  }

  it('lists every driver at once and stays usable while broken ones crash and hang', async (t) => {
    const { page } = ui;
    await option(page, 'fx.hangquery').waitFor();
    const checking = page.getByText(/Checking \d+ driver/);
    assert.ok(await checking.isVisible(), 'the list is there while drivers are still being checked');
    await search(page).fill('msacm');
    assert.equal(await page.locator('[role=row][data-alias]').count(), 5, 'search works while a driver hangs');
    assert.ok(await checking.isVisible(), 'and the hanging drivers are still being checked');
    await search(page).fill('');
    const started = performance.now();
    await checking.waitFor({ state: 'detached', timeout: 30_000 });
    t.diagnostic(`the last check ended ${((performance.now() - started) / 1000).toFixed(1)} s after the search`);
    for (const alias of ['fx.crashload', 'fx.crashopen', 'fx.crashquery', 'fx.hangopen', 'fx.hangquery', 'fx.crashwow']) {
      await search(page).fill(alias);
      assert.ok(await option(page, alias).getByText('Quarantined').isVisible(), `${alias} is marked quarantined`);
    }
    await search(page).fill('fx.nodriverproc');
    assert.ok(await option(page, 'fx.nodriverproc').getByText('Failed to open').isVisible());
    await search(page).fill('');
    await select(page, 'fx.restart');
    assert.equal(await details(page).getByRole('button', { name: 'Configure…' }).count(), 1, 'healthy drivers keep their actions');
  });

  it('shows when and how a quarantined driver failed, with Try again and only the actions that do not load it', async () => {
    const { page } = ui;
    await select(page, 'fx.crashquery');
    const note = page.getByTestId('quarantine-note');
    assert.match((await note.textContent()) ?? '', /Quarantined: crashed in DRV_QUERYCONFIGURE on .+ \(exit code 0xC0000005 \(access violation\)\)/);
    // Remove… of a quarantined driver skips DRV_REMOVE, and Disable loads nothing: both help a technician get rid of it.
    assert.deepEqual(await details(page).getByRole('button').allTextContents(), ['Try again', 'Remove…', 'Disable', 'Copy details', 'Open file location']);
    await page.screenshot({ path: join(screenshotDir, 'quarantined.png') });
    await select(page, 'fx.hangopen');
    assert.match((await note.textContent()) ?? '', /Quarantined: stopped responding in OpenDriver \(DRV_LOAD, DRV_ENABLE, DRV_OPEN\) on /);
  });

  it('offers nothing that loads a driver whose file cannot be one, and says why instead of sending a person to reinstall it', async () => {
    const { page } = ui;
    await select(page, 'fx.nodriverproc');
    assert.deepEqual(await details(page).getByRole('button').allTextContents(), ['Remove…', 'Disable', 'Copy details', 'Open file location']);
    assert.ok(await details(page).getByText(/its file shows why: it does not export DriverProc.*Installing it again cannot help/).first().isVisible());
  });

  it('finds the quarantined drivers by the word, and only them', async () => {
    const { page } = ui;
    await search(page).fill('');
    const status = (await page.getByRole('columnheader').allTextContents()).indexOf('Status');
    const marked = (await listedDrivers(page)).filter((d) => d.cells[status] === 'Quarantined').map((d) => d.alias).sort();
    assert.deepEqual(marked.filter((a) => /^fx\.(crash|hang)(load|open|query)$/.test(a)), ['fx.crashload', 'fx.crashopen', 'fx.crashquery', 'fx.hangopen', 'fx.hangquery']);
    await search(page).fill('quarantined');
    await page.waitForTimeout(100);
    const found = (await page.locator('[role=row][data-alias]').evaluateAll((nodes) => nodes.map((n) => n.getAttribute('data-alias') ?? ''))).sort();
    assert.deepEqual(found, marked, 'the search lists exactly the drivers the Status column calls quarantined');
    await search(page).fill('');
  });

  it('Try again opens the driver once more and says that it crashed again, in which call', async () => {
    const { page, log } = ui;
    await select(page, 'fx.crashquery');
    log.clear();
    await details(page).getByRole('button', { name: 'Try again' }).click();
    const alert = details(page).getByRole('alert');
    await alert.waitFor();
    const crashedAgain = /^The driver crashed.*fx\.crashquery crashed again in DRV_QUERYCONFIGURE, as before \(exit code 0xC0000005 \(access violation\)\).*the panel carries on/;
    assert.match((await alert.textContent()) ?? '', crashedAgain);
    assert.ok(log.events().some((e) => e.event === 'crash' && e.driver === 'fx.crashquery'), 'the driver was really opened again');
    await page.getByTestId('quarantine-note').waitFor();
    // The answer stays once the entry has its new quarantine record.
    await delay(1500);
    assert.match((await alert.textContent()) ?? '', crashedAgain);
  });

  it('Stop waiting on a hanging query (not a dialog) quarantines the driver: the next listing does not wait for it again', async () => {
    const { page } = ui;
    const stop = await hangingIn('fx.hangquery', 'Try again', 8);
    assert.match(await stopWaiting(stop), /fx\.hangquery hung again in DRV_QUERYCONFIGURE until you stopped waiting, as before\..*does not open fx\.hangquery on its own again/);
    const note = page.getByTestId('quarantine-note');
    await note.waitFor();
    assert.match((await note.textContent()) ?? '', /Quarantined: kept you waiting until you stopped it in DRV_QUERYCONFIGURE/);
    await search(page).fill('fx.hangquery');
    assert.ok(await option(page, 'fx.hangquery').getByText('Quarantined').isVisible());
    await search(page).fill('');
  });

  it('Stop waiting ends a driver that keeps a person waiting, without quarantining it', async () => {
    const { page } = ui;
    const stop = await hangingIn('fx.hangconfig', 'Configure…', 7);
    await search(page).fill('vidc');
    assert.equal(await page.locator('[role=row][data-alias^="vidc."]').count(), 3, 'the panel answers while the driver hangs');
    await search(page).fill('');
    assert.match(await stopWaiting(stop), /You stopped waiting for fx\.hangconfig in DRV_CONFIGURE.*you can try again/);
    assert.equal(await page.getByTestId('quarantine-note').count(), 0, 'giving up is not the driver failing');
    assert.equal(await details(page).getByRole('button', { name: 'Configure…' }).count(), 1);
  });

  it('Stop waiting ends a 32-bit driver that keeps a person waiting, in the 32-bit host, without quarantining it', async () => {
    const { page } = ui;
    const stop = await hangingIn('fx.hangwow', 'Configure…', 7);
    assert.match(await stopWaiting(stop), /You stopped waiting for fx\.hangwow in DRV_CONFIGURE.*you can try again/);
    assert.equal(await page.getByTestId('quarantine-note').count(), 0, 'giving up is not the driver failing');
  });

  it('reports an unreadable state file once, after it was set aside', async () => {
    const { host } = ui;
    writeFileSync(join(host.workDir, 'state', 'state.json'), 'not json at all');
    const page = await ui.reload();
    const notice = page.getByText(/state file .* could not be read: it is not valid JSON/);
    await notice.waitFor();
    await page.getByRole('button', { name: 'Dismiss' }).click();
    await notice.waitFor({ state: 'detached' });
  });

  it('keeps telling about a pending restart, names it, and restarts only when asked', async () => {
    const { page, bench } = ui;
    await select(page, 'fx.restart');
    await details(page).getByRole('button', { name: 'Configure…' }).click();
    const banner = page.getByTestId('restart-banner');
    await banner.waitFor();
    await banner.getByRole('button', { name: 'Restart now…' }).click();
    const dialog = page.getByRole('dialog');
    assert.match((await dialog.textContent()) ?? '', /Restart Windows now\?.*Save your work.*The restart completes: fx\.restart \(configuration\)/);
    await dialog.getByRole('button', { name: 'Cancel' }).click();
    await banner.getByRole('button', { name: 'Later' }).click();
    await banner.getByText('Restart pending').waitFor();
    const again = await ui.reload();
    const persisted = again.getByTestId('restart-banner');
    await persisted.waitFor();
    assert.match((await persisted.textContent()) ?? '', /fx\.restart \(configuration\)/, 'a new window still tells, until Windows restarts');

    const marker = join(driveC, 'ui-restart-marker.txt');
    rmSync(marker, { force: true });
    wineReg(bench.env, NATIVE_VIEW, 'add', 'HKLM\\Software\\Microsoft\\Windows\\CurrentVersion\\RunOnce', '/v', 'driversPanelUi', '/d', 'cmd /c echo restarted> C:\\ui-restart-marker.txt', '/f');
    await persisted.getByRole('button', { name: 'Restart now…' }).click();
    await again.getByRole('dialog').getByRole('button', { name: 'Restart now', exact: true }).click();
    for (let i = 0; i < 100 && !existsSync(marker); i++) await delay(100);
    assert.ok(existsSync(marker), 'Windows (Wine) was asked to restart and ran its restart sequence');
    rmSync(marker, { force: true });
  });
});
