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

export interface ListedDriver {
  alias: string;
  /** The row's cells as shown, in the table's column order. */
  cells: string[];
}

/**
 * Every driver the list shows now, with its cells. The list is virtualised, so
 * the window is made tall enough for every row to be rendered (checked against
 * the grid's aria-rowcount), then given its size back.
 */
export async function listedDrivers(page: Page): Promise<ListedDriver[]> {
  const grid = page.getByRole('grid', { name: 'Installed drivers' });
  const count = Number(await grid.getAttribute('aria-rowcount')) - 1;
  const viewport = page.viewportSize() ?? { width: 1280, height: 800 };
  const rows = page.locator('[role=row][data-alias]');
  try {
    await page.setViewportSize({ width: viewport.width, height: Math.max(viewport.height, 400 + count * 48) });
    for (let i = 0; i < 100 && (await rows.count()) < count; i++) await page.waitForTimeout(20);
    const listed = await rows.evaluateAll((nodes) =>
      nodes.map((n) => ({ alias: n.getAttribute('data-alias') ?? '', cells: [...n.querySelectorAll('[role=gridcell]')].map((c) => c.textContent) })),
    );
    if (listed.length !== count) throw new Error(`the list says it has ${count} drivers, ${listed.length} were rendered`);
    return listed;
  } finally {
    await page.setViewportSize(viewport);
  }
}

/** The fields the details pane shows, term → value, as a person reads them. */
export async function detailFields(page: Page): Promise<Record<string, string>> {
  const terms = await details(page)
    .locator('dl > div')
    .evaluateAll((pairs): Array<[string, string]> => pairs.map((pair) => [pair.querySelector('dt')?.textContent ?? '', pair.querySelector('dd')?.textContent ?? '']));
  return Object.fromEntries(terms);
}
