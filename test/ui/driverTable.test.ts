/**
 * The driver table as an administrator uses it, in Chromium against the real
 * service under Wine: columns, compact rows, resizing, sorting, the sticky
 * group header, the context menu (right-click, Shift+F10, the Menu key),
 * Enter, Ctrl+C, type-ahead, Ctrl+F, and the 800×600 layout.
 */
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import type { Locator, Page } from 'playwright-core';
import { signedFixtureDrivers } from '../wine/fixtureRegistry';
import { details, option, probesDone, search, select } from './panelPage';
import { screenshotDir, usePanel } from './uiBench';
import type { DriverKind } from '../../app/drivers';
import { NATIVE_VIEW } from '../../app/views';
import { kindLabels, kindNames } from '../../renderer/driverPresentation';
import { wineReg } from '../../scripts/wineRegistry';

const longAlias = 'fx.a-very-long-alias-that-does-not-fit-in-its-column';
const grid = (page: Page) => page.getByRole('grid', { name: 'Installed drivers' });
const selectedAlias = (page: Page): Promise<string | null> => page.locator('[role=row][aria-selected=true]').getAttribute('data-alias');
const drivers32 = 'HKLM\\Software\\Microsoft\\Windows NT\\CurrentVersion\\Drivers32';

/** In the window as it is, unscrolled: inside the viewport, and what is painted at its centre (nothing covers it, no scroll box clips it). */
async function inView(page: Page, button: Locator): Promise<string | null> {
  const box = await button.boundingBox();
  const { width, height } = page.viewportSize() ?? { width: 0, height: 0 };
  if (!box || box.x < 0 || box.y < 0 || box.x + box.width > width || box.y + box.height > height) return `outside the window: ${JSON.stringify(box)}`;
  const hit = await button.evaluate((node, at) => {
    const top = document.elementFromPoint(at.x, at.y);
    return top !== null && node.contains(top);
  }, { x: box.x + box.width / 2, y: box.y + box.height / 2 });
  return hit ? null : `covered or scrolled away at ${JSON.stringify(box)}`;
}

/** A driver row's Type cell (the singular kind name) to the label of its group (the plural). */
const groupOfType: Record<string, string> = Object.fromEntries(Object.entries(kindNames).map(([kind, name]) => [name, kindLabels[kind as DriverKind]]));

/**
 * Where the list is scrolled to, what its sticky group header says (without the
 * count), and the group of the first row painted under that header: a driver
 * row's by its Type cell, a group header row's own.
 */
interface UnderSticky {
  top: number;
  sticky: string | null;
  below: string | null;
}

async function stickyAndBelow(page: Page): Promise<UnderSticky> {
  const typeColumn = (await page.getByRole('columnheader').allTextContents()).indexOf('Type');
  // Read until a frame changes nothing: the scroll event has reached the list, and React has painted what it made of it.
  let before = '';
  for (let frames = 0; frames < 20; frames++) {
    await page.evaluate(() => new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(done))));
    const now = await paintedUnderSticky(page, typeColumn);
    if (JSON.stringify(now) === before) return now;
    before = JSON.stringify(now);
  }
  throw new Error(`the list did not settle: ${before}`);
}

function paintedUnderSticky(page: Page, typeColumn: number): Promise<UnderSticky> {
  return grid(page).evaluate(
    (node, { typeColumn, groupOfType }) => {
      // No helper functions in here: the test's compiler names them with a helper the page does not have.
      const counted = /^(.*) \(\d+\)$/;
      const sticky = node.querySelector('[data-testid=sticky-group]');
      const edge = sticky?.getBoundingClientRect().bottom ?? node.getBoundingClientRect().top;
      const rows = [...(node.querySelectorAll('[role=rowgroup]')[1]?.children ?? [])]
        .map((row) => ({ row, box: row.getBoundingClientRect() }))
        .sort((a, b) => a.box.top - b.box.top);
      const first = rows.find(({ box }) => box.bottom > edge)?.row;
      const type = first?.getAttribute('role') === 'row' ? first.querySelectorAll('[role=gridcell]')[typeColumn]?.textContent : undefined;
      const below = type === undefined ? (counted.exec(first?.textContent ?? '')?.[1] ?? null) : (groupOfType[type] ?? `no group for the type "${type}"`);
      return { top: node.scrollTop, sticky: sticky ? (counted.exec(sticky.textContent)?.[1] ?? null) : null, below };
    },
    { typeColumn, groupOfType },
  );
}

/** Each place where the sticky group header is up and names another group than that of the rows under it. */
function misnamed(seen: readonly UnderSticky[]): string[] {
  return seen.filter((at) => at.top > 0 && at.sticky !== at.below).map((at) => `at ${at.top} px the sticky header says ${at.sticky} over ${at.below}`);
}

/** The aliases the list shows for a search, sorted. */
async function searchFor(page: Page, query: string): Promise<string[]> {
  await search(page).fill(query);
  await page.waitForTimeout(100);
  return (await page.locator('[role=row][data-alias]').evaluateAll((nodes) => nodes.map((n) => n.getAttribute('data-alias') ?? ''))).sort();
}

const focused = (page: Page): Promise<string> =>
  page.evaluate(() => `${document.activeElement?.getAttribute('role') ?? document.activeElement?.tagName}:${document.activeElement?.textContent ?? ''}`);

describe('the driver table (64-bit actions: 32-bit rows are listed, sorted and found here; their actions are in control panel UI)', () => {
  // fx.crashpanel crashes in DRV_QUERYCONFIGURE, so the panel quarantines it on its first listing.
  const ui = usePanel({ [longAlias]: 'fixture.dll name=fx.long query=0', 'fx.crashpanel': 'fixture.dll name=fx.crashpanel query=1 crash=8', ...signedFixtureDrivers });

  it('has a column for each field an administrator compares, in compact rows', async () => {
    const { page } = ui;
    await probesDone(page);
    const headers = await page.getByRole('columnheader').allTextContents();
    assert.deepEqual(headers, ['Name', 'Alias', 'View', 'Status', 'Configurable', 'Type', 'File', 'Version', 'Company', 'Signer']);
    await select(page, 'fx.signed');
    // Signatures are checked after every file's other details, and arrive on their own.
    await option(page, 'fx.signed').getByRole('gridcell', { name: 'Drivers Panel Test Signer' }).waitFor();
    await option(page, 'msacm.imaadpcm').getByRole('gridcell', { name: 'Not signed' }).waitFor();
    const cells = await option(page, 'fx.signed').getByRole('gridcell').allTextContents();
    assert.deepEqual(cells, ['Fixture installable driver', 'fx.signed', '64-bit', 'OK', 'No', 'Other driver', 'fxsigned.dll', '1.2.3.4', 'Drivers Panel Test Bench', 'Drivers Panel Test Signer']);
    const restart = await option(page, 'msacm.imaadpcm').getByRole('gridcell').allTextContents();
    assert.deepEqual([restart[3], restart[4], restart[9]], ['OK', 'Configurable', 'Not signed']);
    const height = (await option(page, 'msacm.imaadpcm').boundingBox())?.height ?? 0;
    assert.ok(height > 0 && height <= 32, `a row is ${height} px high`);
    await select(page, 'fx.plain');
    await grid(page).evaluate((node) => node.scrollTo({ top: 0 }));
    await page.screenshot({ path: join(screenshotDir, 'table.png') });
  });

  it('shows 25 rows or more on a 1080p screen', async () => {
    const page = await ui.reload();
    await page.setViewportSize({ width: 1920, height: 1080 });
    await probesDone(page);
    // This bench has fewer drivers than that, so the room is measured: the table's height under its header, in rows.
    const height = (await grid(page).boundingBox())?.height ?? 0;
    const header = (await page.getByRole('columnheader').first().boundingBox())?.height ?? 0;
    const row = (await option(page, 'msacm.imaadpcm').boundingBox())?.height ?? 1;
    const room = Math.floor((height - header) / row);
    assert.ok(room >= 25, `room for ${room} rows`);
    await page.setViewportSize({ width: 1280, height: 800 });
  });

  it('resizes a column by dragging its edge or from the keyboard, and sorts from the keyboard', async () => {
    const { page } = ui;
    const header = page.getByRole('columnheader', { name: 'Name', exact: true });
    const before = (await header.boundingBox())?.width ?? 0;
    const edge = await header.locator('[aria-hidden=true]').last().boundingBox();
    assert.ok(edge);
    await page.mouse.move(edge.x + edge.width / 2, edge.y + edge.height / 2);
    await page.mouse.down();
    await page.mouse.move(edge.x + edge.width / 2 + 80, edge.y + edge.height / 2, { steps: 5 });
    await page.mouse.up();
    const dragged = (await header.boundingBox())?.width ?? 0;
    assert.ok(Math.abs(dragged - before - 80) <= 4, `from ${before} to ${dragged} px`);
    const cell = (await option(page, 'msacm.imaadpcm').getByRole('gridcell').first().boundingBox())?.width ?? 0;
    assert.ok(Math.abs(cell - dragged) <= 1, 'the cells follow their header');
    await header.getByRole('button').focus();
    await page.keyboard.press('Control+Shift+ArrowLeft');
    assert.ok(Math.abs(((await header.boundingBox())?.width ?? 0) - (dragged - 20)) <= 1, 'Ctrl+Shift+Left narrows it');
    await page.keyboard.press('ArrowRight');
    assert.equal(await focused(page), 'BUTTON:Alias', 'Right goes to the next header');
    await page.keyboard.press('Enter');
    assert.equal(await page.getByRole('columnheader', { name: 'Alias', exact: true }).getAttribute('aria-sort'), 'ascending');
    await page.keyboard.press('Enter');
    assert.equal(await page.getByRole('columnheader', { name: 'Alias', exact: true }).getAttribute('aria-sort'), 'descending');
    await page.keyboard.press('ArrowLeft');
    await page.keyboard.press('Enter');
    assert.equal(await page.getByRole('columnheader', { name: 'Name', exact: true }).getAttribute('aria-sort'), 'ascending');
  });

  it('keeps the group of the top row in view while scrolling, and the selected row in view below it', async () => {
    const { page } = ui;
    const scrolled = await grid(page).evaluate((node) => {
      node.scrollTo({ top: 400 });
      return { top: node.scrollTop, height: node.scrollHeight, client: node.clientHeight };
    });
    assert.ok(scrolled.top > 100, JSON.stringify(scrolled));
    const sticky = page.getByTestId('sticky-group');
    await sticky.waitFor();
    const gridBox = await grid(page).boundingBox();
    const stickyBox = await sticky.boundingBox();
    assert.ok(gridBox && stickyBox && stickyBox.y - gridBox.y < 40, 'right under the column headers');
    assert.match((await sticky.textContent()) ?? '', /^(Audio codecs|Video codecs|Other drivers) \(\d+\)$/);
    // Scrolled a few pixels at a time through the whole list, the sticky header names the group of the rows right under it.
    // A lower window, so that every group's rows come under the sticky header: this bench lists few drivers.
    await page.setViewportSize({ width: 1280, height: 600 });
    const seen: UnderSticky[] = [];
    const bottom = await grid(page).evaluate((node) => node.scrollHeight - node.clientHeight);
    for (let top = 0; top <= bottom + 5; top += 5) {
      await grid(page).evaluate((node, at) => node.scrollTo({ top: at }), top);
      seen.push(await stickyAndBelow(page));
    }
    assert.ok(new Set(seen.map((at) => at.below)).size >= 3, `the scroll went through every group: ${JSON.stringify(seen.map((at) => at.below))}`);
    assert.deepEqual(seen.filter((at) => at.top > 0 && at.sticky === null), [], 'the sticky header is up whenever the list is scrolled');
    assert.deepEqual(misnamed(seen), []);
    await grid(page).evaluate((node) => node.scrollTo({ top: 0 }));
    await sticky.waitFor({ state: 'detached' });
    // So does the keyboard, which scrolls the list as it selects: ArrowDown through every row.
    await option(page, 'msacm.imaadpcm').click();
    await page.keyboard.press('Home');
    const walked: UnderSticky[] = [];
    // The header row is one of the grid's rows.
    const driverCount = Number(await grid(page).getAttribute('aria-rowcount')) - 1;
    for (let step = 0; step < driverCount; step++) {
      await page.keyboard.press('ArrowDown');
      walked.push(await stickyAndBelow(page));
    }
    assert.ok(walked.some((at) => at.top > 0), 'the keyboard scrolled the list');
    assert.deepEqual(misnamed(walked), []);
    await page.keyboard.press('Home');
    await sticky.waitFor({ state: 'detached' });
    // Arrow keys to the last row and back to the first: each selected row is in full view, under the headers.
    await option(page, 'msacm.imaadpcm').click();
    await page.keyboard.press('End');
    await page.keyboard.press('Home');
    await page.keyboard.press('ArrowDown');
    const first = await page.locator('[role=row][aria-selected=true]').boundingBox();
    const gridTop = (await grid(page).boundingBox())?.y ?? 0;
    assert.ok(first && first.y >= gridTop + 32, `the selected row is below the column headers: ${first?.y} vs ${gridTop}`);
    await page.keyboard.press('End');
    const last = await page.locator('[role=row][aria-selected=true]').boundingBox();
    const gridBottom = ((await grid(page).boundingBox())?.y ?? 0) + ((await grid(page).boundingBox())?.height ?? 0);
    assert.ok(last && last.y + last.height <= gridBottom + 1, `the last row is in view: ${last?.y} + ${last?.height} vs ${gridBottom}`);
    await page.setViewportSize({ width: 1280, height: 800 });
  });

  it('offers the details pane\'s actions on right-click, Shift+F10 and the Menu key', async () => {
    const { page } = ui;
    await search(page).fill('fx.restart');
    await option(page, 'fx.restart').click({ button: 'right' });
    const menu = page.getByRole('menu');
    await menu.waitFor();
    assert.equal(await selectedAlias(page), 'fx.restart', 'right-click selects the row');
    const offered = await menu.getByRole('menuitem').allTextContents();
    const buttons = await details(page).locator('[data-menu]').allTextContents();
    assert.deepEqual(offered, buttons);
    assert.deepEqual(offered, ['Install…', 'Remove…', 'Disable', 'Configure…', 'Copy details', 'Open file location']);
    await menu.getByRole('menuitem', { name: 'Copy details' }).click();
    assert.match(await page.evaluate(() => navigator.clipboard.readText()), /^alias: fx\.restart\r\n/);

    await grid(page).focus();
    await page.keyboard.press('Shift+F10');
    await menu.waitFor();
    assert.deepEqual(await menu.getByRole('menuitem').allTextContents(), buttons, 'Shift+F10 offers the details pane\'s actions');
    await page.keyboard.press('Escape');
    await menu.waitFor({ state: 'detached' });
    assert.match(await focused(page), /^grid:/, 'focus goes back to the table');
    await page.keyboard.press('ContextMenu');
    await menu.waitFor();
    assert.deepEqual(await menu.getByRole('menuitem').allTextContents(), buttons, 'the Menu key offers the details pane\'s actions');
    await menu.getByRole('menuitem', { name: 'Remove…' }).click();
    await page.getByRole('dialog', { name: 'Remove this driver?' }).waitFor();
    await page.getByRole('dialog').getByRole('button', { name: 'Cancel' }).click();

    // Another driver, other actions: a registration whose file is missing can only be removed or disabled, and has no folder to open.
    await search(page).fill('fx.missing');
    await option(page, 'fx.missing').click();
    await details(page).getByText('fx.missing', { exact: true }).first().waitFor();
    const missingButtons = await details(page).locator('[data-menu]').allTextContents();
    for (const key of ['Shift+F10', 'ContextMenu']) {
      await grid(page).focus();
      await page.keyboard.press(key);
      await menu.waitFor();
      assert.deepEqual(await menu.getByRole('menuitem').allTextContents(), missingButtons, `${key} offers what the pane offers for fx.missing`);
      await page.keyboard.press('Escape');
      await menu.waitFor({ state: 'detached' });
    }
    assert.deepEqual(missingButtons, ['Remove…', 'Disable', 'Copy details']);
    await search(page).fill('');
  });

  it('goes to the details on Enter, copies the row on Ctrl+C, types ahead, and searches on Ctrl+F', async () => {
    const { page } = ui;
    await select(page, 'vidc.cvid');
    await grid(page).focus();
    await page.keyboard.type('vidc.ms');
    assert.equal(await selectedAlias(page), 'vidc.msvc', 'typing a name selects it');
    await page.waitForTimeout(1000);
    await page.keyboard.type('vidc.c');
    assert.equal(await selectedAlias(page), 'vidc.cvid');
    await page.keyboard.press('Control+C');
    await page.getByTestId('panel-message').getByText('The details of vidc.cvid are on the clipboard.').waitFor();
    assert.match(await page.evaluate(() => navigator.clipboard.readText()), /^alias: vidc\.cvid\r\n/);
    await page.keyboard.press('Enter');
    const name = await page.locator('[role=row][aria-selected=true]').getByRole('gridcell').first().textContent();
    assert.equal(await focused(page), `H2:${name ?? ''}`, 'Enter goes to the details of the row, headed by its name');
    await page.keyboard.press('Control+F');
    assert.equal(await page.evaluate(() => document.activeElement?.getAttribute('aria-label')), 'Search drivers');
  });

  it('finds drivers by status words and versions', async () => {
    const { page } = ui;
    const found = (query: string): Promise<string[]> => searchFor(page, query);
    assert.deepEqual(await found('missing'), ['fx.missing']);
    assert.deepEqual(await found('32-bit'), ['fx.wow']);
    assert.ok((await found('configurable')).includes('msacm.imaadpcm'));
    assert.ok(!(await found('configurable')).includes('fx.plain'), 'fx.plain answered 0');
    assert.ok((await found('1.2.3.4')).includes('fx.plain'));
    assert.ok(!(await found('1.2.3.4')).includes('msacm.imaadpcm'), 'Wine codecs have no version resource');
    assert.deepEqual(await found('unsigned vidc'), ['vidc.cvid', 'vidc.mrle', 'vidc.msvc']);
    await search(page).fill('');
  });

  it('keeps the actions in view at 800×600, and ellipsises long values with the whole value as tooltip', async () => {
    const page = await ui.reload();
    await page.setViewportSize({ width: 800, height: 600 });
    await probesDone(page);
    await select(page, longAlias);
    for (const name of ['Install…', 'Remove…', 'Disable']) {
      const box = await details(page).getByRole('button', { name }).boundingBox();
      assert.ok(box && box.y + box.height <= 600 && box.x + box.width <= 800, `${name} is in view: ${JSON.stringify(box)}`);
    }
    const aliasCell = option(page, longAlias).getByRole('gridcell').nth(1);
    assert.equal(await aliasCell.getAttribute('title'), longAlias);
    assert.ok(await aliasCell.evaluate((node) => node.scrollWidth > node.clientWidth && getComputedStyle(node).textOverflow === 'ellipsis'), 'cut with an ellipsis');
    await page.screenshot({ path: join(screenshotDir, 'table-800x600.png') });
    await page.setViewportSize({ width: 1280, height: 800 });
  });

  it('at 800×600, shows every action of a driver and of the toolbar without scrolling, also under three banners', async () => {
    const page = await ui.reload();
    await page.setViewportSize({ width: 800, height: 600 });
    await probesDone(page);
    const toolbar = page.getByRole('toolbar', { name: 'List options' });
    const banner = page.getByTestId('change-banner');
    const check = async (driverActions: string[], bannerActions: string[] = []): Promise<void> => {
      const out: string[] = [];
      for (const name of driverActions) out.push(`${name}: ${(await inView(page, details(page).getByRole('button', { name, exact: true }))) ?? 'in view'}`);
      for (const name of ['Add driver…', 'Export report']) out.push(`${name}: ${(await inView(page, toolbar.getByRole('button', { name, exact: true }))) ?? 'in view'}`);
      for (const name of bannerActions) out.push(`the change banner's ${name}: ${(await inView(page, banner.getByRole('button', { name, exact: true }))) ?? 'in view'}`);
      assert.deepEqual(out.filter((line) => !line.endsWith(': in view')), [], out.join('\n'));
      assert.deepEqual(await page.evaluate(() => [window.scrollY, document.querySelector('[aria-label="Driver details"]')?.scrollTop]), [0, 0], 'nothing was scrolled');
    };
    // fx.restart has a configuration dialog: every driver action applies to it.
    await select(page, 'fx.restart');
    await check(['Install…', 'Remove…', 'Disable', 'Configure…', 'Copy details', 'Open file location']);
    // A technician's busy moment: a restart pending (fx.restart's DRV_CONFIGURE answers DRVCNF_RESTART), details copied, a driver disabled.
    await details(page).getByRole('button', { name: 'Configure…' }).click();
    await page.getByTestId('restart-banner').waitFor();
    await details(page).getByRole('button', { name: 'Copy details' }).click();
    await page.getByTestId('panel-message').waitFor();
    await details(page).getByRole('button', { name: 'Disable' }).click();
    await banner.getByText('Driver disabled').waitFor();
    await details(page).getByRole('button', { name: 'Enable' }).waitFor();
    await page.screenshot({ path: join(screenshotDir, 'banners-800x600.png') });
    await check(['Remove…', 'Enable', 'Copy details', 'Open file location'], ['Undo']);
    await details(page).getByRole('button', { name: 'Enable' }).click();
    await banner.getByText('Driver enabled').waitFor();
    await details(page).getByRole('button', { name: 'Configure…' }).waitFor();
    await check(['Install…', 'Remove…', 'Disable', 'Configure…', 'Copy details', 'Open file location'], ['Undo']);
    // A quarantined driver under the same banners: its long quarantine note pushes none of its actions out of the window.
    await select(page, 'fx.crashpanel');
    await page.getByTestId('quarantine-note').waitFor();
    await page.screenshot({ path: join(screenshotDir, 'quarantined-banners-800x600.png') });
    const quarantinedActions = ['Try again', 'Remove…', 'Disable', 'Copy details', 'Open file location'];
    await check(quarantinedActions, ['Undo']);
    // Scrolled down through its note and fields, the pane keeps the actions at its top.
    const pane = page.getByRole('region', { name: 'Driver details' });
    assert.ok(await pane.evaluate((node) => node.scrollHeight > node.clientHeight + 100), 'the pane has something to scroll');
    await pane.evaluate((node) => node.scrollTo({ top: node.scrollHeight }));
    const scrolled: string[] = [];
    for (const name of quarantinedActions) scrolled.push(`${name}: ${(await inView(page, details(page).getByRole('button', { name, exact: true }))) ?? 'in view'}`);
    assert.deepEqual(scrolled.filter((line) => !line.endsWith(': in view')), [], scrolled.join('\n'));
    await pane.evaluate((node) => node.scrollTo({ top: 0 }));
    await page.setViewportSize({ width: 1280, height: 800 });
  });

  it('takes a driver the search filters out out of the details pane, and brings it back when the search is cleared', async () => {
    const { page } = ui;
    await probesDone(page);
    await select(page, 'fx.plain');
    await search(page).fill('vidc');
    await option(page, 'fx.plain').waitFor({ state: 'detached' });
    assert.equal(await details(page).getByText('fx.plain', { exact: true }).count(), 0, 'fx.plain left the details');
    // What the pane shows instead is a listed driver, the one the table marks selected, under the name its row shows.
    const heading = await details(page).getByRole('heading', { level: 2 }).textContent();
    const selected = await selectedAlias(page);
    assert.match(selected ?? '', /^vidc\./);
    assert.equal(heading, await page.locator('[role=row][aria-selected=true]').getByRole('gridcell').first().textContent());
    await search(page).fill('no such driver anywhere');
    await page.getByText('No driver matches the search.').waitFor();
    assert.equal(await details(page).getByRole('heading').count(), 0, 'nothing listed, nothing in the details');
    await search(page).fill('');
    await details(page).getByText('fx.plain', { exact: true }).first().waitFor();
    assert.equal(await selectedAlias(page), 'fx.plain', 'the selection comes back with the driver');
  });

  it('shows a driver Sysinternals Autoruns disabled as disabled, with Enable, and finds disabled drivers by the word', async () => {
    const { page, bench } = ui;
    const reg = (...args: string[]): void => wineReg(bench.env, NATIVE_VIEW, ...args);
    // As Autoruns disables a driver: its value moved, unchanged, to Drivers32\AutorunsDisabled.
    reg('add', `${drivers32}\\AutorunsDisabled`, '/v', 'fx.autoruns', '/d', 'fixture.dll name=fx.autoruns query=1', '/f');
    try {
      await page.getByRole('button', { name: 'Refresh' }).click();
      await probesDone(page);
      const found = (query: string): Promise<string[]> => searchFor(page, query);
      assert.deepEqual(await found('disabled'), ['fx.autoruns']);
      assert.equal(await option(page, 'fx.autoruns').getByRole('gridcell', { name: 'Disabled', exact: true }).count(), 1, 'the row says Disabled');
      await option(page, 'fx.autoruns').click();
      await details(page).getByText('fx.autoruns', { exact: true }).first().waitFor();
      assert.match((await details(page).getByRole('note').textContent()) ?? '', /^Disabled by Sysinternals Autoruns: .*Drivers32\\AutorunsDisabled/);
      // It answers DRV_QUERYCONFIGURE with 1, but a disabled driver is not loaded: no Install… or Configure….
      assert.deepEqual(await details(page).getByRole('group', { name: 'Driver actions' }).getByRole('button').allTextContents(), ['Remove…', 'Enable']);

      // One the panel disabled is found by the same word.
      await select(page, 'fx.plain');
      await details(page).getByRole('button', { name: 'Disable' }).click();
      await page.getByTestId('change-banner').getByText('Driver disabled').waitFor();
      assert.deepEqual(await found('disabled'), ['fx.autoruns', 'fx.plain']);
      await details(page).getByRole('button', { name: 'Enable' }).click();
      await page.getByTestId('change-banner').getByText('Driver enabled').waitFor();

      await search(page).fill('fx.autoruns');
      await option(page, 'fx.autoruns').click();
      await details(page).getByRole('button', { name: 'Enable' }).click();
      await page.getByTestId('change-banner').getByText('Driver enabled').waitFor();
      await details(page).getByRole('button', { name: 'Disable' }).waitFor();
      assert.equal(await option(page, 'fx.autoruns').getByRole('gridcell', { name: 'OK', exact: true }).count(), 1);
      assert.deepEqual(await found('disabled'), []);
      // Enable moved it back where Windows loads it.
      reg('query', drivers32, '/v', 'fx.autoruns');
      assert.throws(() => reg('query', `${drivers32}\\AutorunsDisabled`, '/v', 'fx.autoruns'), 'and out of Autoruns\' key');
    } finally {
      for (const key of [drivers32, `${drivers32}\\AutorunsDisabled`]) {
        try {
          reg('delete', key, '/v', 'fx.autoruns', '/f');
        } catch {
          // Not there: nothing to put back.
        }
      }
      await search(page).fill('');
    }
  });
});

/** Whether a cell (perhaps empty, so without height) lies across the table's visible width, left of its scroll bar, and its row in the window. */
async function acrossInView(page: Page, cell: Locator): Promise<string> {
  const [box, table] = await Promise.all([cell.boundingBox(), grid(page).evaluate((node) => ({ ...node.getBoundingClientRect().toJSON(), clientWidth: node.clientWidth }) as { x: number; y: number; height: number; clientWidth: number })]);
  if (!box) return 'not laid out';
  const across = box.x >= table.x && box.x + box.width <= table.x + table.clientWidth;
  const down = box.y >= table.y && box.y <= table.y + table.height;
  return across && down ? 'in view' : `outside the table's visible part: ${JSON.stringify(box)} in ${JSON.stringify(table)}`;
}

describe('the list a technician reads: what is wrong with a driver and what it offers, in view at 1280×800 and at 800×600', () => {
  const twin = 'fixture.dll name=vidc.twin query=1';
  const ui = usePanel({ 'vidc.twin': twin }, [], {}, { 'vidc.twin': twin });
  const rowsOf = (page: Page, alias: string): Locator => page.locator(`[role=row][data-alias="${alias}"]`);

  it("shows a row's name, alias, view, status and Configurable at 1280×800 without scrolling sideways", async () => {
    const { page } = ui;
    await page.setViewportSize({ width: 1280, height: 800 });
    await probesDone(page);
    const out: string[] = [];
    for (const alias of ['msacm.imaadpcm', 'fx.missing', 'fx.refuse', 'fx.restart']) {
      await select(page, alias);
      const cells = option(page, alias).getByRole('gridcell');
      for (const [index, column] of ['Name', 'Alias', 'View', 'Status', 'Configurable'].entries()) out.push(`${alias} ${column}: ${await acrossInView(page, cells.nth(index))}`);
    }
    assert.deepEqual(out.filter((line) => !line.endsWith(': in view')), [], out.join('\n'));
    assert.equal(await grid(page).evaluate((node) => node.scrollLeft), 0, 'nothing was scrolled sideways');
  });

  it("marks a driver that is missing or fails to open with a shape of its own before its name, also at 800×600, and a healthy one with none", async () => {
    const page = await ui.reload();
    await page.setViewportSize({ width: 800, height: 600 });
    await probesDone(page);
    const marks: Array<[string, string, string]> = [
      ['fx.missing', 'missing-file', 'File missing'],
      ['fx.refuse', 'open-failed', 'Failed to open'],
    ];
    for (const [alias, status, label] of marks) {
      await select(page, alias);
      const icon = option(page, alias).getByRole('gridcell').first().getByRole('img');
      assert.deepEqual([await icon.getAttribute('data-status-icon'), await icon.getAttribute('aria-label')], [status, label], alias);
      assert.equal(await inView(page, icon), null, `${alias}'s mark is in view`);
    }
    const shapes = await Promise.all(marks.map(([alias]) => option(page, alias).getByRole('gridcell').first().locator('svg').innerHTML()));
    assert.notEqual(shapes[0], shapes[1], 'each status has a shape of its own, not only a colour');
    assert.equal(await option(page, 'msacm.imaadpcm').getByRole('img').count(), 0);
    await page.screenshot({ path: join(screenshotDir, 'table-marks-800x600.png') });
    await page.setViewportSize({ width: 1280, height: 800 });
  });

  it('tells the two registrations of a codec in both views apart by their View cells', async () => {
    const page = await ui.reload();
    await probesDone(page);
    const twins = rowsOf(page, 'vidc.twin');
    assert.equal(await twins.count(), 2);
    const views = await twins.evaluateAll((rows) => rows.map((row) => row.querySelectorAll('[role=gridcell]')[2]?.textContent ?? ''));
    assert.deepEqual(views.sort(), ['32-bit', '64-bit']);
  });
});
