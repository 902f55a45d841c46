/** A machine with hundreds of codecs: the list stays virtualised and keyboard-navigable, and Refresh picks up changes. */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { bulkFixtures } from '../wine/fixtureRegistry';
import { usePanel } from './uiBench';
import { NATIVE_VIEW } from '../../app/views';
import { wineReg } from '../../scripts/wineRegistry';

const BULK = 400;
const bulk = bulkFixtures('bulk', BULK);

describe('a long driver list', () => {
  const ui = usePanel(bulk);

  it('renders only the visible rows of hundreds of drivers', async () => {
    const { page } = ui;
    await page.getByText(`Audio codecs (${BULK + 5})`).waitFor();
    const rendered = await page.locator('[role=row][data-alias]').count();
    assert.ok(rendered > 5 && rendered < 60, `${rendered} option elements for over ${BULK} drivers`);
  });

  it('reaches the last driver with End and the first with Home', async () => {
    const { page } = ui;
    // Names come with the file details; wait for them, so that the order is final.
    await page.getByText(/Checking \d+ driver/).waitFor({ state: 'detached', timeout: 30_000 });
    await page.getByRole('grid', { name: 'Installed drivers' }).focus();
    await page.keyboard.press('End');
    // Last in the list: in "Other drivers", fx.missing has no description, so its alias is its name and sorts after "Fixture …".
    const last = page.locator('[role=row][data-alias][aria-selected=true][data-alias="fx.missing"]');
    await last.waitFor();
    assert.ok(await last.isVisible(), 'the selected driver is scrolled into view');
    assert.equal(await page.locator('[role=row][data-alias][aria-selected=true]').count(), 1);
    await page.keyboard.press('Home');
    await page.locator('[role=row][data-alias][aria-selected=true][data-alias="msacm.bulk000"]').waitFor();
  });

  it('shows a driver registered while the panel is open after Refresh', async () => {
    const { page, bench } = ui;
    wineReg(bench.env, NATIVE_VIEW, 'add', 'HKLM\\Software\\Microsoft\\Windows NT\\CurrentVersion\\Drivers32', '/v', 'vidc.late', '/d', 'fixture.dll name=vidc.late query=1', '/f');
    await page.getByRole('searchbox', { name: 'Search drivers' }).fill('vidc');
    await page.getByText('Video codecs (3)').waitFor();
    assert.equal(await page.locator('[role=row][data-alias="vidc.late"]').count(), 0);
    await page.getByRole('button', { name: 'Refresh' }).click();
    await page.getByText('Video codecs (4)').waitFor();
    await page.locator('[role=row][data-alias="vidc.late"]').getByText('Configurable').waitFor();
  });
});
