/**
 * What a driver changes itself, as a person sees it in the panel: Configure…
 * of a driver that rewrites its own registration shows that change with
 * Undo, as the panel's own changes are shown, and Undo puts the registration
 * back byte for byte.
 */
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { registrationSnapshot } from '../wine/registrySnapshot';
import { testPrefix } from '../wine/wineBench';
import { details, probesDone, select } from './panelPage';
import { screenshotDir, usePanel } from './uiBench';

describe("what a driver changes itself, in the panel (64-bit: a 32-bit driver's own changes are found the same way, in driverOwnChanges under Wine)", () => {
  const ui = usePanel({ 'fx.confself': 'fixture.dll name=fx.confself query=1 regset=7 configure=1' });

  it('Configure… of a driver that rewrites its registration shows the change with Undo, and Undo puts it back', async () => {
    const { page, bench } = ui;
    const snapshot = (): Record<string, string> => registrationSnapshot(testPrefix, { ...bench.env, WINEPREFIX: testPrefix });
    const original = snapshot();
    await probesDone(page);
    await select(page, 'fx.confself');
    await details(page).getByRole('button', { name: 'Configure…' }).click();
    const banner = page.getByTestId('change-banner');
    await banner.getByText('The driver changed registrations while it was configured').waitFor();
    assert.match(
      (await banner.textContent()) ?? '',
      /Configure fx\.confself \(64-bit\): fx\.confself itself changed HKLM\\SOFTWARE\\Microsoft\\Windows NT\\CurrentVersion\\Drivers32\\fx\.confself \(64-bit\)\./,
    );
    assert.notDeepEqual(snapshot(), original, 'the driver rewrote its registration');
    await page.screenshot({ path: join(screenshotDir, 'driver-own-change.png') });
    await banner.getByRole('button', { name: 'Undo' }).click();
    await banner.getByText('Undone').waitFor();
    assert.deepEqual(snapshot(), original, 'the registration is back as it was');
  });
});
