/**
 * How tests find their way around the panel, as a person would: by roles and
 * names. Shared by the Chromium tests under Wine and the Electron test on Windows.
 */
import type { Locator, Page } from 'playwright-core';

export const option = (page: Page, alias: string): Locator => page.locator(`[role=row][data-alias="${alias}"]`);
export const details = (page: Page): Locator => page.getByRole('region', { name: 'Driver details' });
export const search = (page: Page): Locator => page.getByRole('searchbox', { name: 'Search drivers' });

/** Waits until no probe is outstanding (the toolbar's "Checking…" spinner is gone). */
export async function probesDone(page: Page, timeout = 30_000): Promise<void> {
  await page.locator('[role=row][data-alias]').first().waitFor({ timeout });
  await page.getByText(/Checking \d+ driver/).waitFor({ state: 'detached', timeout });
}

/** Selects a driver by clicking its row; the list is virtualised, so a row out of view is found by searching first. */
export async function select(page: Page, alias: string): Promise<void> {
  const searched = (await option(page, alias).count()) === 0;
  if (searched) await search(page).fill(alias);
  await option(page, alias).click();
  await details(page).getByText(alias, { exact: true }).first().waitFor();
  if (searched) await search(page).fill('');
}
