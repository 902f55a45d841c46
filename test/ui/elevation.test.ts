/**
 * The panel without administrator rights (the bridge host told to assume a
 * limited account): Install…, Remove… and Restart now… carry the shield and
 * offer "Restart as administrator" instead of running; Configure… works as ever.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { DRV_CONFIGURE, DRV_INSTALL, DRV_REMOVE } from '../../app/messages';
import { details, probesDone, select } from './panelPage';
import { usePanel } from './uiBench';

describe('the panel without administrator rights', () => {
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
