/**
 * What the panel does with files, in Chromium against the real service under
 * Wine: Add driver… (main's open dialog, the file checked from its bytes, an
 * alias suggested, DRV_INSTALL, Undo), Export report…, Copy details and Open
 * file location. The native dialogs and Explorer are Electron glue; the bridge
 * host stands in for them (bench/bridge/benchDialogs.ts), everything behind
 * them is the product's.
 */
import assert from 'node:assert/strict';
import { copyFileSync, existsSync, mkdirSync, readFileSync, rmSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { parse } from 'csv-parse/sync';
import type { DriverStatus } from '../../app/drivers';
import { DRV_INSTALL } from '../../app/messages';
import type { ReportFormat, SupportReport } from '../../app/supportReport';
import { statusLabels } from '../../renderer/driverPresentation';
import { signedFixtureDrivers } from '../wine/fixtureRegistry';
import { driveC } from '../wine/wineBench';
import { detailFields, details, listedDrivers, option, probesDone, search, select, type ListedDriver } from './panelPage';
import { screenshotDir, usePanel } from './uiBench';
import { NATIVE_VIEW, WOW64_VIEW } from '../../app/views';
import { wineReg, wineRegStatus } from '../../scripts/wineRegistry';

const system32 = join(driveC, 'windows', 'system32');
const syswow64 = join(driveC, 'windows', 'syswow64');
const drivers32 = 'HKLM\\Software\\Microsoft\\Windows NT\\CurrentVersion\\Drivers32';
const incoming = join(driveC, 'incoming-ui');
const menuItems: Record<ReportFormat, RegExp> = { html: /Web page/, csv: /Spreadsheet \(CSV\)/, json: /^JSON/ };

/** What a report must agree with the list on, for each driver: alias, file, version, company and status, as the list words them under its `headers`. */
function listFacts(shown: readonly ListedDriver[], headers: readonly string[]): string[][] {
  const columns = ['File', 'Version', 'Company', 'Status'].map((header) => headers.indexOf(header));
  return shown.map(({ alias, cells }) => [alias, ...columns.map((column) => cells[column] ?? '')]).sort();
}

describe('files: add a driver, export a report, copy details, open the file location', () => {
  const ui = usePanel({ 'fx.hostile': "fixture.dll name=fx.hostile query=0 <b>bold</b> & 'q'", ...signedFixtureDrivers });
  const answer = (dialog: 'open' | 'save', path: string | null): void => {
    const file = join(ui.host.dialogsDir, `${dialog}.txt`);
    if (path === null) rmSync(file, { force: true });
    else writeFileSync(file, path);
  };
  const plant = (name: string, from = 'fixture.dll', folder = system32): string => {
    mkdirSync(incoming, { recursive: true });
    copyFileSync(join(folder, from), join(incoming, name));
    return `C:\\incoming-ui\\${name}`;
  };
  /**
   * Exports the report through the toolbar's menu to a file the save dialog
   * names, and reads it back. Each export gets a file name of its own: the
   * message that says it was saved stays up, and must be this export's.
   */
  let exports = 0;
  const exportReport = async (format: ReportFormat): Promise<{ text: string; file: string }> => {
    const name = `ui-report-${++exports}.${format}`;
    const file = join(driveC, name);
    rmSync(file, { force: true });
    answer('save', `C:\\${name}`);
    await ui.page.getByRole('button', { name: 'Export report' }).click();
    await ui.page.getByRole('menuitem', { name: menuItems[format] }).click();
    await ui.page.getByTestId('panel-message').getByText(`Report saved to C:\\${name}.`).waitFor();
    return { text: readFileSync(file, 'utf8'), file };
  };
  after(() => {
    // A failed run must not leave its driver registered for the next suites.
    for (const alias of ['msacm.fxui', 'fx.dated', 'msacm.fxagain']) wineRegStatus(ui.bench.env, NATIVE_VIEW, 'delete', drivers32, '/v', alias, '/f');
    rmSync(join(system32, 'fxdated.dll'), { force: true });
    rmSync(join(system32, 'fxagain.acm'), { force: true });
    for (const format of Object.keys(menuItems)) for (let n = 1; n <= exports; n++) rmSync(join(driveC, `ui-report-${n}.${format}`), { force: true });
    rmSync(incoming, { recursive: true, force: true });
    rmSync(join(system32, 'fxui.acm'), { force: true });
    wineRegStatus(ui.bench.env, WOW64_VIEW, 'delete', drivers32, '/v', 'msacm.fxui32', '/f');
    rmSync(join(syswow64, 'fxui32.acm'), { force: true });
  });

  it('adds a chosen driver under the suggested alias, tells it (DRV_INSTALL), selects it, and undoes it', async () => {
    const { page, log } = ui;
    // The panel's own first probes must be over, or their loads would be counted below.
    await probesDone(page);
    answer('open', plant('fxui.acm'));
    log.clear();
    await page.getByRole('button', { name: 'Add driver…' }).click();
    const dialog = page.getByRole('dialog', { name: 'Add driver' });
    await dialog.getByText('C:\\incoming-ui\\fxui.acm').waitFor();
    assert.equal(await dialog.getByRole('textbox', { name: 'Alias' }).inputValue(), 'msacm.fxui', 'an .acm file is an audio codec, msacm.<name>');
    assert.ok(await dialog.getByText("An audio codec's alias is msacm. and a name of its own").isVisible(), "the alias help speaks of the codec's kind");
    assert.equal(await dialog.getByText('FOURCC').count(), 0, 'no FourCC for an audio codec');
    assert.deepEqual(log.loadedModules(), [], 'choosing a file loads nothing');
    await dialog.getByRole('combobox', { name: 'Kind of driver' }).click();
    await page.getByRole('option', { name: 'Wave devices' }).click();
    assert.match(await dialog.getByRole('textbox', { name: 'Alias' }).inputValue(), /^wave\d?$/, 'the alias follows the kind');
    await dialog.getByRole('combobox', { name: 'Kind of driver' }).click();
    await page.getByRole('option', { name: 'Audio codecs' }).click();
    await dialog.getByRole('button', { name: 'Add', exact: true }).click();

    const banner = page.getByTestId('change-banner');
    await banner.getByText('Driver added').waitFor();
    assert.equal(await dialog.count(), 0, 'the dialog closed');
    assert.match((await banner.textContent()) ?? '', /msacm\.fxui answered DRV_INSTALL with 1/);
    await details(page).getByText('msacm.fxui', { exact: true }).first().waitFor();
    assert.deepEqual(readFileSync(join(system32, 'fxui.acm')), readFileSync(join(incoming, 'fxui.acm')), 'copied into the system folder unchanged');
    const install = log.lines().find((l) => l.msg === DRV_INSTALL);
    assert.deepEqual(install?.dci, { size: 20, section: 'Drivers32', alias: 'msacm.fxui' });

    await banner.getByRole('button', { name: 'Undo' }).click();
    await banner.getByText('Undone').waitFor();
    assert.ok(!existsSync(join(system32, 'fxui.acm')), 'Undo took the copied file away again');
    await page.locator('[role=row][data-alias="msacm.fxui"]').waitFor({ state: 'detached' });
  });

  it('adds a 32-bit driver into SysWOW64 and the 32-bit view, says so before Add, tells it in the 32-bit host, and undoes it', async () => {
    const { page, log } = ui;
    await probesDone(page);
    answer('open', plant('fxui32.acm', 'fixture.dll', syswow64));
    log.clear();
    await page.getByRole('button', { name: 'Add driver…' }).click();
    const dialog = page.getByRole('dialog', { name: 'Add driver' });
    await dialog.getByText(/A 32-bit \(x86\) driver, for 32-bit programs: copied to C:\\windows\\syswow64\\fxui32\.acm/i).waitFor();
    assert.equal(await dialog.getByRole('textbox', { name: 'Alias' }).inputValue(), 'msacm.fxui32');
    await dialog.getByRole('button', { name: 'Add', exact: true }).click();
    const banner = page.getByTestId('change-banner');
    await banner.getByText('Driver added').waitFor();
    assert.deepEqual(readFileSync(join(syswow64, 'fxui32.acm')), readFileSync(join(incoming, 'fxui32.acm')), 'copied into SysWOW64 unchanged');
    assert.ok(!existsSync(join(system32, 'fxui32.acm')), 'and not into System32');
    const install = log.lines().find((l) => l.msg === DRV_INSTALL);
    assert.deepEqual([install?.bits, install?.dci], [32, { size: 12, section: 'Drivers32', alias: 'msacm.fxui32' }]);
    await banner.getByRole('button', { name: 'Undo' }).click();
    await banner.getByText('Undone').waitFor();
    assert.ok(!existsSync(join(syswow64, 'fxui32.acm')), 'Undo took the copied file away again');
  });

  it('says that a file is registered already, and as what, before adding it again', async () => {
    const { page, bench } = ui;
    await probesDone(page);
    copyFileSync(join(system32, 'fixture.dll'), join(system32, 'fxagain.acm'));
    wineReg(bench.env, NATIVE_VIEW, 'add', drivers32, '/v', 'msacm.fxagain', '/d', 'fxagain.acm', '/f');
    // The open panel lists it by itself (it watches Drivers32), so its alias is taken.
    await search(page).fill('msacm.fxagain');
    await option(page, 'msacm.fxagain').waitFor();
    await search(page).fill('');
    answer('open', plant('fxagain.acm'));
    await page.getByRole('button', { name: 'Add driver…' }).click();
    const dialog = page.getByRole('dialog', { name: 'Add driver' });
    const registered = dialog.getByTestId('already-registered');
    await registered.waitFor();
    assert.match((await registered.textContent()) ?? '', /^fxagain\.acm is already registered in the 64-bit view, as msacm\.fxagain\. Adding it again registers the same file under one more alias/);
    assert.notEqual(await dialog.getByRole('textbox', { name: 'Alias' }).inputValue(), 'msacm.fxagain', 'the alias suggested is still a free one');
    await dialog.getByRole('button', { name: 'Cancel' }).click();
    await dialog.waitFor({ state: 'detached' });
    // Another file of that name: adding it would replace the registered one.
    writeFileSync(join(incoming, 'fxagain.acm'), Buffer.concat([readFileSync(join(incoming, 'fxagain.acm')), Buffer.from('other build')]));
    answer('open', 'C:\\incoming-ui\\fxagain.acm');
    await page.getByRole('button', { name: 'Add driver…' }).click();
    await registered.waitFor();
    assert.match((await registered.textContent()) ?? '', /^A different fxagain\.acm is registered in the 64-bit view, as msacm\.fxagain\. Adding this one would replace that file for them too/);
    await dialog.getByRole('button', { name: 'Cancel' }).click();
    await dialog.waitFor({ state: 'detached' });
  });

  it('says why a file cannot be added, before anything is done, and offers only Close', async () => {
    const { page, log } = ui;
    mkdirSync(incoming, { recursive: true });
    writeFileSync(join(incoming, 'readme.drv'), 'This is not a driver.');
    answer('open', 'C:\\incoming-ui\\readme.drv');
    log.clear();
    await page.getByRole('button', { name: 'Add driver…' }).click();
    const dialog = page.getByRole('dialog', { name: 'Add driver' });
    await dialog.getByText(/readme\.drv cannot be added as a driver: it is not a Windows program file/).waitFor();
    assert.equal(await dialog.getByRole('button', { name: 'Add', exact: true }).count(), 0);
    await dialog.getByRole('button', { name: 'Close' }).click();
    assert.equal(await dialog.count(), 0);
    assert.deepEqual(log.loadedModules(), []);
  });

  it('asks before replacing a different file of the same name in the system folder', async () => {
    const { page } = ui;
    writeFileSync(join(system32, 'fxui.acm'), 'another file of the same name');
    answer('open', plant('fxui.acm'));
    await page.getByRole('button', { name: 'Add driver…' }).click();
    const dialog = page.getByRole('dialog', { name: 'Add driver' });
    await dialog.getByRole('button', { name: 'Add', exact: true }).click();
    await dialog.getByRole('alert').getByText(/fxui\.acm/).waitFor();
    assert.equal(readFileSync(join(system32, 'fxui.acm'), 'utf8'), 'another file of the same name', 'not overwritten unasked');
    await dialog.getByRole('button', { name: 'Replace the file' }).click();
    const banner = page.getByTestId('change-banner');
    await banner.getByText('Driver added').waitFor();
    assert.deepEqual(readFileSync(join(system32, 'fxui.acm')), readFileSync(join(incoming, 'fxui.acm')));
    await banner.getByRole('button', { name: 'Undo' }).click();
    await banner.getByText('Undone').waitFor();
    assert.equal(readFileSync(join(system32, 'fxui.acm'), 'utf8'), 'another file of the same name', 'Undo put the replaced file back');
    rmSync(join(system32, 'fxui.acm'));
  });

  it('a cancelled open dialog changes nothing; a path the person did not choose is refused at the boundary', async () => {
    const { page, host } = ui;
    answer('open', null);
    await page.getByRole('button', { name: 'Add driver…' }).click();
    await page.waitForTimeout(300);
    assert.equal(await page.getByRole('dialog').count(), 0);
    const forged = await page.evaluate(() => window.driversPanel.addDriver({ path: 'C:\\windows\\system32\\notepad.exe' }));
    assert.match(JSON.stringify(forged), /"ok":false.*Only a file chosen with Add driver… can be added/);
    const direct = await host.client.call('addDriver', { path: plant('fxnever.acm') });
    assert.equal(direct.ok ? 'added' : direct.error.code, 'invalid-request');
  });

  it('exports an escaped, self-contained HTML report where the save dialog says', async () => {
    const { text: html, file } = await exportReport('html');
    assert.match(html, /^<!doctype html>/);
    assert.match(html, /query=0 &lt;b&gt;bold&lt;\/b&gt; &amp; &#x27;q&#x27;/, 'a registry value is escaped');
    assert.ok(!html.includes('<b>bold'), 'no markup from a registration');
    assert.ok(!/<(script|link|img)\b/.test(html), 'self-contained: no scripts, no links, no images');
    assert.match(html, /fx\.plain/);

    const report = await ui.reload();
    await report.goto(`file://${file}`);
    await report.emulateMedia({ media: 'print' });
    await report.screenshot({ path: join(screenshotDir, 'report.png') });
    await ui.reload();
  });

  it('exports a CSV report that a CSV reader reads back, with every driver the panel lists', async () => {
    const { page } = ui;
    await probesDone(page);
    const shown = await listedDrivers(page);
    const headers = await page.getByRole('columnheader').allTextContents();
    const rows: Array<Record<string, string>> = parse((await exportReport('csv')).text, { columns: true });
    const facts = rows.map((r) => [r.alias ?? '', r.file ?? '', r.version ?? '', r.company ?? '', statusLabels[r.status as DriverStatus]]).sort();
    assert.deepEqual(facts, listFacts(shown, headers));
    assert.equal(rows.find((r) => r.alias === 'fx.hostile')?.parameters, "name=fx.hostile query=0 <b>bold</b> & 'q'", 'a registry value is carried as it is, quoted by CSV');
    assert.ok(rows.every((r) => r.machine && r.windows && r['report made']), 'every row names its machine, Windows and time');
  });

  it('exports a JSON report that parses, with every driver the panel lists and the machine', async () => {
    const { page } = ui;
    await probesDone(page);
    const shown = await listedDrivers(page);
    const headers = await page.getByRole('columnheader').allTextContents();
    const report = JSON.parse((await exportReport('json')).text) as SupportReport;
    const facts = report.drivers.map((d) => [d.alias, d.file, d.details?.version.fileVersion ?? '', d.details?.version.companyName ?? '', statusLabels[d.status]]).sort();
    assert.deepEqual(facts, listFacts(shown, headers));
    assert.ok(report.machine.name.length > 0 && report.machine.windows.length > 0);
    assert.ok(Math.abs(Date.parse(report.generatedAt) - Date.now()) < 60_000, `made now: ${report.generatedAt}`);
  });

  it('shows the file\'s size, and when it was created and last changed, in the details', async () => {
    const { page, bench } = ui;
    // A copy of the fixture dated in the past: the pane must show the file's own time, not today's.
    const file = join(system32, 'fxdated.dll');
    copyFileSync(join(system32, 'fixture.dll'), file);
    const modified = new Date('2021-03-04T05:06:07.000Z');
    utimesSync(file, modified, modified);
    wineReg(bench.env, NATIVE_VIEW, 'add', drivers32, '/v', 'fx.dated', '/d', 'fxdated.dll name=fx.dated query=0', '/f');
    await page.getByRole('button', { name: 'Refresh' }).click();
    await probesDone(page);
    await select(page, 'fx.dated');
    const created = (JSON.parse((await exportReport('json')).text) as SupportReport).drivers.find((d) => d.alias === 'fx.dated')?.details?.created;
    assert.ok(created, 'the service read the creation date');
    // In the person's own locale, as the page formats numbers and dates.
    const expected = await page.evaluate(
      ([size, created, modified]) => ({ Size: `${size.toLocaleString()} bytes`, Created: new Date(created).toLocaleString(), Modified: new Date(modified).toLocaleString() }),
      [statSync(file).size, created, modified.toISOString()] as const,
    );
    const shown = await detailFields(page);
    assert.deepEqual({ Size: shown.Size, Created: shown.Created, Modified: shown.Modified }, expected);
    assert.match(shown.Modified ?? '', /2021/);

    await select(page, 'fx.missing');
    const missing = await detailFields(page);
    assert.deepEqual([missing.Size, missing.Created, missing.Modified], ['—', '—', '—'], 'no size or dates for a file that is missing');
  });

  it('copies the selected driver\'s details to the clipboard, and opens its file\'s folder', async () => {
    const { page, host } = ui;
    await select(page, 'fx.plain');
    await details(page).getByRole('button', { name: 'Copy details' }).click();
    await page.getByTestId('panel-message').getByText('The details of fx.plain are on the clipboard.').waitFor();
    const copied = await page.evaluate(() => navigator.clipboard.readText());
    assert.match(copied, /^alias: fx\.plain\r\n/);
    assert.match(copied, /\r\npath: C:\\windows\\system32\\fixture\.dll\r\n/i);
    assert.match(copied, /\r\nconfigurable: (yes|no)\r\n/);

    const shown = join(host.dialogsDir, 'shown.txt');
    rmSync(shown, { force: true });
    await details(page).getByRole('button', { name: 'Open file location' }).click();
    // The bench's Explorer stand-in (a Windows process) creates the file before it writes the line: wait for the whole line.
    const written = (): string => (existsSync(shown) ? readFileSync(shown, 'utf8') : '');
    const deadline = Date.now() + 5_000;
    while (!written().endsWith('\n') && Date.now() < deadline) await page.waitForTimeout(50);
    assert.match(written(), /^C:\\windows\\system32\\fixture\.dll\n$/i);
  });

  it('shows who signed a driver file, and hides Microsoft-signed drivers when asked, taking them out of the details too', async () => {
    const { page } = ui;
    await probesDone(page);
    await select(page, 'fx.signed');
    await details(page).getByText('Signed by Drivers Panel Test Signer, verified').waitFor();
    await select(page, 'fx.tampered');
    await details(page).getByText(/^The file was changed after it was signed/).waitFor();
    await select(page, 'fx.mssigned');
    await details(page).getByText('Signed by Microsoft Windows, verified').waitFor();
    await page.getByRole('checkbox', { name: 'Hide Microsoft-signed' }).check();
    await option(page, 'fx.mssigned').waitFor({ state: 'detached' });
    assert.equal(await details(page).getByText('fx.mssigned', { exact: true }).count(), 0, 'a driver filtered out leaves the details pane');
    await search(page).fill('Test Signer');
    await option(page, 'fx.signed').waitFor();
    await search(page).fill('');
    await page.getByRole('checkbox', { name: 'Hide Microsoft-signed' }).uncheck();
    await option(page, 'fx.mssigned').waitFor();
  });
});
