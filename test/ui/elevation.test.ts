/**
 * The panel without administrator rights (the bridge host told to assume a
 * limited account): Add driver…, Install…, Remove…, Disable, Enable and
 * Restart now… carry the shield and offer "Restart as administrator" instead
 * of running, and so does Undo in History… for a change an administrator
 * made with drivers-cli; Configure… works as ever.
 */
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import type { Locator, Page } from 'playwright-core';
import { DRV_CONFIGURE, DRV_INSTALL, DRV_REMOVE } from '../../app/messages';
import { runCli, type CliRun } from '../wine/cliRunner';
import { registrationSnapshot } from '../wine/registrySnapshot';
import { testPrefix, windowsPath } from '../wine/wineBench';
import { details, option, probesDone, search, select } from './panelPage';
import { usePanel } from './uiBench';
import { NATIVE_VIEW } from '../../app/views';
import { wineReg } from '../../scripts/wineRegistry';

const drivers32 = 'HKLM\\Software\\Microsoft\\Windows NT\\CurrentVersion\\Drivers32';

/** The button carries the shield and, pressed, explains and offers Restart as administrator; Cancel leaves everything as it was. */
async function shielded(page: Page, button: Locator, label: string): Promise<void> {
  assert.equal(await button.locator('svg').count(), 1, `${label} carries the shield`);
  assert.equal(await button.getAttribute('aria-description'), 'Needs administrator rights', label);
  await button.click();
  const dialog = page.getByRole('dialog', { name: 'Administrator rights needed' });
  await dialog.waitFor();
  assert.match((await dialog.textContent()) ?? '', /needs administrator rights.*Restart as administrator/, label);
  await dialog.getByRole('button', { name: 'Cancel' }).click();
  await dialog.waitFor({ state: 'detached' });
}

describe('the panel without administrator rights (64-bit drivers: the right an action needs does not depend on the view)', () => {
  const ui = usePanel({}, [], { DRIVERS_PANEL_ASSUME_ELEVATION: 'limited' });

  it('shows the shield on Install… and Remove… and offers Restart as administrator instead of running them', async () => {
    const { page, log } = ui;
    await probesDone(page);
    await select(page, 'fx.plain');
    log.clear();
    for (const label of ['Install…', 'Remove…']) {
      const button = details(page).getByRole('button', { name: label });
      assert.equal(await button.locator('svg').count(), 1, `${label} carries the shield`);
      assert.equal(await button.getAttribute('aria-description'), 'Needs administrator rights');
      await button.click();
      const dialog = page.getByRole('dialog', { name: 'Administrator rights needed' });
      await dialog.waitFor();
      assert.match((await dialog.textContent()) ?? '', /needs administrator rights.*Restart as administrator/);
      await dialog.getByRole('button', { name: 'Restart as administrator' }).click();
      await dialog.waitFor({ state: 'detached' });
    }
    // The bench cannot start itself elevated: the panel says so rather than nothing.
    await page.getByText(/cannot start itself again as administrator/).first().waitFor();
    assert.deepEqual(log.lines().filter((l) => l.msg === DRV_INSTALL || l.msg === DRV_REMOVE), [], 'nothing was installed or removed');
  });

  it('shows the shield on Add driver…, Disable and Enable, and changes nothing through them', async () => {
    const { page, bench, host } = ui;
    const reg = (...args: string[]): void => wineReg(bench.env, NATIVE_VIEW, ...args);
    await probesDone(page);
    // The open dialog would hand over a real driver file: it is never shown.
    writeFileSync(join(host.dialogsDir, 'open.txt'), 'C:\\windows\\system32\\fixture.dll');
    await shielded(page, page.getByRole('toolbar', { name: 'List options' }).getByRole('button', { name: 'Add driver…' }), 'Add driver…');
    // Had main's open dialog been asked, its answer would have opened the form by now.
    await page.waitForTimeout(300);
    assert.equal(await page.getByRole('dialog', { name: 'Add driver' }).count(), 0, 'no file was asked for');

    await select(page, 'fx.plain');
    await shielded(page, details(page).getByRole('button', { name: 'Disable' }), 'Disable');
    reg('query', drivers32, '/v', 'fx.plain');
    assert.equal(await option(page, 'fx.plain').getByRole('gridcell', { name: 'OK', exact: true }).count(), 1, 'fx.plain is still enabled');

    // A driver Sysinternals Autoruns disabled, for Enable.
    reg('add', `${drivers32}\\AutorunsDisabled`, '/v', 'fx.autoruns', '/d', 'fixture.dll name=fx.autoruns query=1', '/f');
    try {
      await page.getByRole('button', { name: 'Refresh' }).click();
      await probesDone(page);
      await select(page, 'fx.autoruns');
      await shielded(page, details(page).getByRole('button', { name: 'Enable' }), 'Enable');
      reg('query', `${drivers32}\\AutorunsDisabled`, '/v', 'fx.autoruns');
      assert.throws(() => reg('query', drivers32, '/v', 'fx.autoruns'), 'fx.autoruns is still disabled');
    } finally {
      reg('delete', `${drivers32}\\AutorunsDisabled`, '/v', 'fx.autoruns', '/f');
      await search(page).fill('');
    }
  });

  it('shows the shield on Undo in History… for a change an administrator made with drivers-cli, and undoes nothing', async () => {
    const { page, bench, host } = ui;
    const cli = (...args: string[]): Promise<CliRun> =>
      runCli({ ...bench.env, WINEPREFIX: testPrefix, DRIVERS_PANEL_STATE_DIR: windowsPath(join(host.workDir, 'state')) }, [...args, '--json']);
    // Wine's token is elevated: the command line stands for an administrator's prompt beside the limited panel.
    const disabled = await cli('disable', 'fx.negative');
    assert.equal(disabled.windowsCode, 0, disabled.stdout + disabled.stderr);
    try {
      const before = registrationSnapshot(testPrefix, bench.env);
      await page.getByRole('button', { name: 'History…' }).click();
      const history = page.getByRole('dialog', { name: 'Changes to the drivers' });
      const row = history.locator('tbody tr').filter({ hasText: 'Disable fx.negative' });
      await row.waitFor();
      await shielded(page, row.getByRole('button', { name: 'Undo' }), 'Undo');
      assert.deepEqual(registrationSnapshot(testPrefix, bench.env), before, 'nothing was undone');
      assert.equal(await row.getByText(/^Undone /).count(), 0);
      await history.getByRole('button', { name: 'Close' }).click();
    } finally {
      assert.equal((await cli('undo')).windowsCode, 0);
    }
  });

  it('configures as ever, and offers Restart as administrator on the restart banner', async () => {
    const { page, log } = ui;
    await select(page, 'fx.restart');
    const configure = details(page).getByRole('button', { name: 'Configure…' });
    assert.equal(await configure.locator('svg').count(), 0, 'Configure… needs no rights');
    await configure.click();
    const banner = page.getByTestId('restart-banner');
    await banner.waitFor();
    assert.ok(log.lines().some((l) => l.msg === DRV_CONFIGURE && l.driver === 'fx.restart'));
    const restart = banner.getByRole('button', { name: 'Restart now…' });
    assert.equal(await restart.locator('svg').count(), 1, 'Restart now… carries the shield');
    await restart.click();
    await page.getByRole('dialog', { name: 'Administrator rights needed' }).waitFor();
    await page.getByRole('button', { name: 'Cancel' }).click();
  });
});
