/**
 * The real renderer in Debian's Chromium, talking through the contract to the
 * real driver service under Wine (Wine's drivers and the fixtures).
 */
import AxeBuilder from '@axe-core/playwright';
import assert from 'node:assert/strict';
import { renameSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import type { Page } from 'playwright-core';
import { DRV_CONFIGURE, DRV_INSTALL } from '../../app/messages';
import { soloFixtures } from '../wine/fixtureRegistry';
import { driveC } from '../wine/wineBench';
import { details, option, probesDone, select } from './panelPage';
import { screenshotDir, usePanel } from './uiBench';

/** Clicks a column header: the first click sorts ascending, the next descending. */
async function sortBy(page: Page, column: string): Promise<void> {
  await page.getByRole('columnheader', { name: column, exact: true }).getByRole('button').click();
}

async function shoot(page: Page, name: string): Promise<void> {
  await page.screenshot({ path: join(screenshotDir, `${name}.png`) });
}

describe('control panel UI', () => {
  const ui = usePanel(soloFixtures);

  it('lists Wine drivers and the fixtures, grouped by kind, before probing finishes', async () => {
    const { page } = ui;
    await option(page, 'msacm.imaadpcm').waitFor();
    // fx.slow takes over a second to answer its probe: the list is there before that.
    assert.ok(await page.getByText(/Checking \d+ driver/).isVisible(), 'probing is still under way');
    assert.ok(await page.getByText('Audio codecs (5)').isVisible());
    assert.ok(await page.getByText('Video codecs (3)').isVisible());
    // The list is virtualised: a row is looked for by searching, not by scrolling.
    const search = page.getByRole('searchbox', { name: 'Search drivers' });
    await search.fill('fx.slow');
    await option(page, 'fx.slow').waitFor();
    assert.equal(await option(page, 'fx.slow').getByText('Configurable').count(), 0, 'fx.slow has not answered yet');
    for (const alias of ['msacm.imaadpcm', 'msacm.l3acm', 'vidc.mrle', 'vidc.cvid', 'fx.restart', 'fx.ini', 'fx.wow']) {
      await search.fill(alias);
      assert.equal(await option(page, alias).count(), 1, `${alias} is listed`);
    }
    await search.fill('');
    await probesDone(page);
    await option(page, 'fx.slow').getByText('Configurable').waitFor();
    await shoot(page, 'list');
  });

  it('marks and explains entries with a missing file', async () => {
    const { page } = ui;
    await page.getByRole('searchbox', { name: 'Search drivers' }).fill('fx.missing');
    await option(page, 'fx.missing').getByText('File missing').waitFor();
    await select(page, 'fx.missing');
    assert.match((await details(page).getByRole('note').textContent()) ?? '', /nosuchdriver\.dll" was not found/);
    const actions = await details(page).getByRole('group', { name: 'Driver actions' }).getByRole('button').allTextContents();
    assert.deepEqual(actions, ['Remove…', 'Disable'], 'a registration whose file is missing can be removed or disabled, not installed or configured');
    const own = await details(page).getByRole('group', { name: 'Details actions' }).getByRole('button').allTextContents();
    assert.deepEqual(own, ['Copy details'], 'no folder to open for a file that is missing');
    await page.getByRole('searchbox', { name: 'Search drivers' }).fill('');
  });

  it("shows Configure… exactly where DRV_QUERYCONFIGURE was nonzero, but not for a video codec's -1 (ICERR_UNSUPPORTED)", async () => {
    const { page } = ui;
    await probesDone(page);
    const expected: Record<string, boolean> = {
      'msacm.imaadpcm': true,
      'msacm.msadpcm': true,
      'msacm.msg711': true,
      'msacm.l3acm': true,
      'msacm.msgsm610': true,
      'vidc.cvid': false,
      'vidc.msvc': false,
      'vidc.mrle': false,
      'fx.plain': false,
      'fx.negative': true,
    };
    for (const [alias, configurable] of Object.entries(expected)) {
      await select(page, alias);
      const buttons = await details(page).getByRole('button', { name: 'Configure…' }).count();
      assert.equal(buttons, configurable ? 1 : 0, `${alias}: Configure… ${configurable ? 'present' : 'absent'}`);
    }
    await select(page, 'vidc.cvid');
    assert.ok(await details(page).getByText('-1 (no configuration dialog; ICERR_UNSUPPORTED: a video codec\'s "not supported")').isVisible());
    await select(page, 'fx.negative');
    assert.ok(await details(page).getByText('-1 (has a configuration dialog)').isVisible(), 'any other kind\'s -1 is nonzero: yes');
    await shoot(page, 'details');
  });

  it('configuring a driver that answers DRVCNF_RESTART shows the restart banner and a badge', async () => {
    const { page, log } = ui;
    log.clear();
    await select(page, 'fx.restart');
    await details(page).getByRole('button', { name: 'Configure…' }).click();
    await details(page).getByText('Configuration done — restart needed').waitFor();
    const banner = page.getByTestId('restart-banner');
    assert.match((await banner.textContent()) ?? '', /Restart Windows to finish.*fx\.restart \(configuration\)/);
    assert.ok(await option(page, 'fx.restart').getByText('Restart needed').isVisible());
    const configure = log.lines().find((l) => l.msg === DRV_CONFIGURE);
    assert.deepEqual(configure?.dci, { size: 20, section: 'Drivers32', alias: 'fx.restart' });
    assert.equal(configure.parentIsWindow, 1);
    await shoot(page, 'restart-banner');
  });

  it('configures a 32-bit driver from its row, in the 32-bit host, with the panel as owner', async () => {
    const { page, log } = ui;
    log.clear();
    await select(page, 'fx.wow');
    await details(page).getByRole('button', { name: 'Configure…' }).click();
    await details(page).getByText('Configuration done', { exact: true }).waitFor();
    const configure = log.lines().find((l) => l.msg === DRV_CONFIGURE);
    assert.deepEqual([configure?.bits, configure?.dci], [32, { size: 12, section: 'Drivers32', alias: 'fx.wow' }]);
    assert.equal(configure?.parentIsWindow, 1, 'a window handle is valid across the architectures');
  });

  it('install and remove ask first, say what will happen, and report their results', async () => {
    const { page, log } = ui;
    await select(page, 'fx.plain');
    log.clear();
    await details(page).getByRole('button', { name: 'Install…' }).click();
    const dialog = page.getByRole('dialog');
    assert.match((await dialog.textContent()) ?? '', /sends DRV_INSTALL to fx\.plain/);
    await dialog.getByRole('button', { name: 'Cancel' }).click();
    await dialog.waitFor({ state: 'detached' });
    assert.deepEqual(log.lines(), [], 'cancelling the confirmation sends nothing');

    await details(page).getByRole('button', { name: 'Install…' }).click();
    await page.getByRole('dialog').getByRole('button', { name: 'Install', exact: true }).click();
    await details(page).getByText('Installation done').waitFor();
    assert.ok(log.lines().some((l) => l.msg === DRV_INSTALL && l.driver === 'fx.plain'));

    // fxcancel.dll has no other registration, so the driver is told, and it cancels.
    await select(page, 'fx.solocancel');
    await details(page).getByRole('button', { name: 'Remove…' }).click();
    assert.match((await page.getByRole('dialog').textContent()) ?? '', /deletes the registration of fx\.solocancel.*the driver file stays.*DRV_REMOVE/);
    await page.getByRole('dialog').getByRole('button', { name: 'Remove', exact: true }).click();
    await details(page).getByText('Removal cancelled').waitFor();
    assert.match((await details(page).getByRole('status').textContent()) ?? '', /cancelled its removal \(DRV_REMOVE returned 0\); the registration was kept/);
  });

  it('disables and enables a driver, which stays listed and selected, and undoes a removal from the banner', async () => {
    const { page, log } = ui;
    await select(page, 'fx.plain');
    log.clear();
    await details(page).getByRole('button', { name: 'Disable' }).click();
    const banner = page.getByTestId('change-banner');
    await banner.getByText('Driver disabled').waitFor();
    assert.match((await banner.textContent()) ?? '', /Disable fx\.plain \(64-bit\): move it to Drivers32\\DriversPanelDisabled/);
    await details(page).getByText('Disabled by this panel').waitFor();
    assert.equal(await option(page, 'fx.plain').getByText('Disabled', { exact: true }).count(), 1, 'the row says Disabled');
    assert.equal(await details(page).getByRole('button', { name: 'Configure…' }).count(), 0, 'a disabled driver offers no driver actions');
    await shoot(page, 'disabled-driver');
    await details(page).getByRole('button', { name: 'Enable' }).click();
    await banner.getByText('Driver enabled').waitFor();
    await details(page).getByRole('button', { name: 'Disable' }).waitFor();
    assert.deepEqual(log.loadedModules(), [], 'disabling and enabling load nothing');

    await select(page, 'fx.restart');
    await details(page).getByRole('button', { name: 'Remove…' }).click();
    await page.getByRole('dialog').getByRole('button', { name: 'Remove', exact: true }).click();
    await banner.getByText('Driver removed').waitFor();
    const removed = (await banner.textContent()) ?? '';
    assert.match(removed, /DRV_REMOVE was not sent: its driver file is also registered as/);
    assert.equal(removed.split('Remove fx.restart (64-bit)').length, 2, `the change is said once: ${removed}`);
    await option(page, 'fx.restart').waitFor({ state: 'detached' });
    await banner.getByRole('button', { name: 'Undo' }).click();
    await banner.getByText('Undone').waitFor();
    await option(page, 'fx.restart').waitFor();
  });

  it('search narrows the list', async () => {
    const { page } = ui;
    const search = page.getByRole('searchbox', { name: 'Search drivers' });
    await search.fill('msacm');
    const aliases = await page.locator('[role=row][data-alias]').evaluateAll((nodes) => nodes.map((n) => n.getAttribute('data-alias')));
    assert.deepEqual(aliases.sort(), ['msacm.imaadpcm', 'msacm.l3acm', 'msacm.msadpcm', 'msacm.msg711', 'msacm.msgsm610']);
    await search.fill('no such driver anywhere');
    await page.getByText('No driver matches the search.').waitFor();
    await search.fill('');
  });

  it('sorts within each group by the header clicked, in both directions', async () => {
    const { page } = ui;
    const videoOrder = (): Promise<Array<string | null>> =>
      page.locator('[role=row][data-alias^="vidc."]').evaluateAll((nodes) => nodes.map((n) => n.getAttribute('data-alias')));
    assert.deepEqual(await videoOrder(), ['vidc.cvid', 'vidc.mrle', 'vidc.msvc'], "by name (the codecs' own: Cinepak…, Wine MS-RLE…, Wine Video 1…)");
    await sortBy(page, 'File');
    // iccvid.dll, msrle32.dll, msvidc32.dll: the same order by file; by alias the fixtures tell the difference.
    assert.deepEqual(await videoOrder(), ['vidc.cvid', 'vidc.mrle', 'vidc.msvc']);
    const fixtureOrder = (): Promise<Array<string | null>> =>
      page.locator('[role=row][data-alias^="fx.e"], [role=row][data-alias^="fx.c"]').evaluateAll((nodes) => nodes.map((n) => n.getAttribute('data-alias')));
    // By file, fx.expand's absolute path (C:\windows\…) sorts before the bare fixture.dll of fx.cancel.
    assert.deepEqual(await fixtureOrder(), ['fx.expand', 'fx.cancel']);
    await sortBy(page, 'Alias');
    assert.deepEqual(await fixtureOrder(), ['fx.cancel', 'fx.expand']);
    assert.equal(await page.getByRole('columnheader', { name: 'Alias', exact: true }).getAttribute('aria-sort'), 'ascending');
    await sortBy(page, 'Alias');
    assert.deepEqual(await fixtureOrder(), ['fx.expand', 'fx.cancel'], 'a second click sorts the other way');
    assert.deepEqual(await videoOrder(), ['vidc.msvc', 'vidc.mrle', 'vidc.cvid']);
    assert.equal(await page.getByRole('columnheader', { name: 'Alias', exact: true }).getAttribute('aria-sort'), 'descending');
    await sortBy(page, 'Name');
  });

  it('shows an error where it happened, with what to do next', async () => {
    const { page } = ui;
    await select(page, 'fx.solo');
    // Its file goes after the list was read, as when an uninstaller deletes it (the panel watches registrations, not files).
    const file = join(driveC, 'windows', 'system32', 'fxsolo.dll');
    renameSync(file, `${file}.away`);
    try {
      await details(page).getByRole('button', { name: 'Install…' }).click();
      await page.getByRole('dialog').getByRole('button', { name: 'Install', exact: true }).click();
      const alert = details(page).getByRole('alert');
      await alert.waitFor();
      assert.match((await alert.textContent()) ?? '', /"fxsolo\.dll" was not found.*Reinstall the driver, or remove its registration\./);
      await shoot(page, 'error');
    } finally {
      renameSync(`${file}.away`, file);
    }
  });

  it('works with the keyboard alone', async () => {
    const page = await ui.reload();
    await probesDone(page);
    const focused = (): Promise<string> =>
      page.evaluate(() => `${document.activeElement?.getAttribute('role') ?? document.activeElement?.tagName}:${document.activeElement?.textContent ?? ''}`);
    async function tabTo(pattern: RegExp): Promise<void> {
      for (let i = 0; i < 25; i++) {
        await page.keyboard.press('Tab');
        if (pattern.test(await focused())) return;
      }
      throw new Error(`Tab never reached ${pattern}; stopped at ${await focused()}`);
    }
    await tabTo(/^INPUT:/);
    await page.keyboard.type('fixture');
    await tabTo(/^grid:/);
    await page.keyboard.press('End');
    await page.keyboard.press('Home');
    for (let i = 0; i < 20; i++) {
      if (await option(page, 'fx.restart').getAttribute('aria-selected') === 'true') break;
      await page.keyboard.press('ArrowDown');
    }
    assert.equal(await option(page, 'fx.restart').getAttribute('aria-selected'), 'true');
    await tabTo(/^BUTTON:Configure…$/);
    await page.keyboard.press('Enter');
    await details(page).getByText('Configuration done — restart needed').waitFor();
    await tabTo(/^BUTTON:Remove…$/);
    await page.keyboard.press('Enter');
    await page.getByRole('dialog').waitFor();
    await page.keyboard.press('Escape');
    await page.getByRole('dialog').waitFor({ state: 'detached' });
    await page.getByRole('searchbox', { name: 'Search drivers' }).fill('');
  });

  it('has no serious or critical accessibility violations (axe-core)', async () => {
    const { page } = ui;
    await probesDone(page);
    const results = await new AxeBuilder({ page }).analyze();
    const serious = results.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
    assert.deepEqual(
      serious.map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(' ')).join(', ')})`),
      [],
    );
  });

  it('follows the system theme: light, dark and high contrast, all accessible', async () => {
    const { page } = ui;
    const background = (): Promise<string> =>
      page.evaluate(() => {
        const root = document.querySelector('.fui-FluentProvider');
        return root ? getComputedStyle(root).backgroundColor : '';
      });
    const changed = async (from: string): Promise<string> => {
      for (let i = 0; i < 50 && (await background()) === from; i++) await page.waitForTimeout(20);
      return background();
    };
    const light = await background();
    await page.emulateMedia({ colorScheme: 'dark' });
    const dark = await changed(light);
    assert.notEqual(dark, light, 'the dark theme applies when the system is dark');
    await page.waitForTimeout(300); // let Fluent's colour transitions finish before the picture
    await shoot(page, 'dark');
    const darkResults = await new AxeBuilder({ page }).analyze();
    assert.deepEqual(darkResults.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => `${v.id}: ${v.nodes.map((n) => `${n.target.join(' ')} ${n.failureSummary ?? ''}`).join(' | ')}`), []);
    await page.emulateMedia({ forcedColors: 'active' });
    const contrast = await changed(dark);
    assert.notEqual(contrast, dark, 'the high-contrast theme applies when forced colors are on');
    await page.emulateMedia({ colorScheme: 'light', forcedColors: 'none' });
    assert.equal(await changed(contrast), light);
  });
});
