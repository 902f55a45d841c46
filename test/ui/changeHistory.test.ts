/**
 * History…: the changes in the machine's journal, the panel's and drivers-cli's,
 * newest first, each undone from the panel in any order the journal allows.
 * The registrations end as they began, compared value by value.
 */
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import type { Locator, Page } from 'playwright-core';
import { runCli } from '../wine/cliRunner';
import { registrationSnapshot } from '../wine/registrySnapshot';
import { testPrefix, windowsPath } from '../wine/wineBench';
import { details, option, probesDone, select } from './panelPage';
import { screenshotDir, usePanel } from './uiBench';

const history = (page: Page): Locator => page.getByRole('dialog', { name: 'Changes to the drivers' });
const rows = (page: Page): Locator => history(page).locator('tbody tr');

async function openHistory(page: Page): Promise<void> {
  await page.getByRole('button', { name: 'History…' }).click();
  await history(page).getByRole('table').waitFor();
}

async function closeHistory(page: Page): Promise<void> {
  await history(page).getByRole('button', { name: 'Close' }).click();
  await history(page).waitFor({ state: 'detached' });
}

/** The summaries and states of the history's rows, top to bottom. */
async function listed(page: Page): Promise<string[]> {
  return rows(page).evaluateAll((trs) => trs.map((tr) => [...tr.children].slice(1).map((td) => td.textContent.replace(/Undone .*/, 'Undone')).join(' | ')));
}

function row(page: Page, summary: RegExp): Locator {
  return rows(page).filter({ hasText: summary });
}

describe('the history of changes', () => {
  const ui = usePanel();

  it('undoes an older change, and one drivers-cli made, from History…, and refuses one whose values changed since', async () => {
    const { page, bench, host } = ui;
    const snapshot = (): Record<string, string> => registrationSnapshot(testPrefix, { ...bench.env, WINEPREFIX: testPrefix });
    const original = snapshot();
    await probesDone(page);

    await select(page, 'fx.plain');
    await details(page).getByRole('button', { name: 'Disable' }).click();
    await page.getByTestId('change-banner').getByText('Driver disabled').waitFor();
    // Another process, with the same machine journal: a technician's command line beside the open panel.
    const cli = await runCli({ ...bench.env, WINEPREFIX: testPrefix, DRIVERS_PANEL_STATE_DIR: windowsPath(join(host.workDir, 'state')) }, ['disable', 'fx.negative', '--json']);
    assert.equal(cli.windowsCode, 0, cli.stderr);
    // The open panel notices it by itself, without Refresh.
    await option(page, 'fx.negative').getByRole('gridcell', { name: 'Disabled', exact: true }).waitFor({ timeout: 5000 });

    await openHistory(page);
    const moved = 'move it to Drivers32\\DriversPanelDisabled (system.ini: [drivers32.DriversPanelDisabled])';
    assert.deepEqual(await listed(page), [`Disable fx.negative (64-bit): ${moved} | Undo`, `Disable fx.plain (64-bit): ${moved} | Undo`]);
    await page.screenshot({ path: join(screenshotDir, 'change-history.png') });

    // The older one first: it is not the banner's, and nothing changed its values since.
    await row(page, /fx\.plain/).getByRole('button', { name: 'Undo' }).click();
    await row(page, /fx\.plain/).getByText(/^Undone /).waitFor();
    assert.match((await page.getByTestId('change-banner').textContent()) ?? '', /Undone.*Disable fx\.plain/);
    await row(page, /fx\.negative/).getByRole('button', { name: 'Undo' }).click();
    await row(page, /fx\.negative/).getByText(/^Undone /).waitFor();
    await closeHistory(page);
    await option(page, 'fx.negative').waitFor();
    assert.equal(await option(page, 'fx.negative').getByText('Disabled', { exact: true }).count(), 0, 'fx.negative is enabled again in the list');
    assert.deepEqual(snapshot(), original, 'both undone: the registrations are as they began');

    // Disable, then enable: undoing the disable now would overwrite what the enable wrote.
    await select(page, 'fx.plain');
    await details(page).getByRole('button', { name: 'Disable' }).click();
    await details(page).getByRole('button', { name: 'Enable' }).click();
    await page.getByTestId('change-banner').getByText('Driver enabled').waitFor();
    const enabled = snapshot();
    await openHistory(page);
    const disable = rows(page).filter({ hasText: /^.*Disable fx\.plain.*Undo$/ });
    assert.equal(await disable.count(), 1, 'the standing disable of fx.plain offers Undo');
    await disable.getByRole('button', { name: 'Undo' }).click();
    const alert = history(page).getByRole('alert');
    await alert.waitFor();
    assert.match((await alert.textContent()) ?? '', /cannot be undone: .* has changed since, and undoing would overwrite that\. Nothing was changed\./);
    assert.deepEqual(snapshot(), enabled, 'a refused undo writes nothing');

    // Newest first, the way back is open: the enable, then the disable.
    await row(page, /Enable fx\.plain/).getByRole('button', { name: 'Undo' }).click();
    await row(page, /Enable fx\.plain/).getByText(/^Undone /).waitFor();
    await disable.getByRole('button', { name: 'Undo' }).click();
    await history(page).getByText(/^Undone /).nth(3).waitFor();
    assert.equal(await history(page).getByRole('button', { name: 'Undo' }).count(), 0, 'nothing is left to undo');
    assert.deepEqual(snapshot(), original);
    await closeHistory(page);
  });

  it('keeps the history for a new window of the panel', async () => {
    const page = await ui.reload();
    await openHistory(page);
    assert.equal(await rows(page).count(), 4, 'the four changes of the test before, read from the journal');
    assert.equal(await history(page).getByText(/^Undone /).count(), 4);
    await closeHistory(page);
  });
});
