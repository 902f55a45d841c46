/**
 * A codec's own language in the real renderer (Chromium, the driver service
 * under Wine): codecs named by what they say of themselves and found by
 * FourCC or format tag, Codec settings… and About… offered exactly where they
 * apply and opened with the panel's window as owner. (The 32-bit host's
 * dialogs are tested through the CLI, codecIdentity.test.ts; a 32-bit owner
 * window from the panel in panel.test.ts.)
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { codecFixtures } from '../wine/fixtureRegistry';
import { details, option, probesDone, search, select } from './panelPage';
import { usePanel } from './uiBench';

const ICM_CONFIGURE = 0x500a;
const ICM_ABOUT = 0x500b;

/** The buttons of a codec's own dialogs and of Configure…, in the details pane's order. */
async function dialogButtons(alias: string, ui: ReturnType<typeof usePanel>): Promise<string[]> {
  await select(ui.page, alias);
  const names = await details(ui.page).getByRole('group', { name: 'Driver actions' }).getByRole('button').allTextContents();
  return names.filter((n) => ['About…', 'Codec settings…', 'Configure…'].includes(n));
}

describe("the codecs' own names and dialogs in the panel", () => {
  const ui = usePanel(codecFixtures);

  it('names codecs by what they say of themselves, and finds them by FourCC and by format tag', async () => {
    const { page } = ui;
    await probesDone(page);
    await search(page).fill('Zipped Fixture');
    assert.equal(await option(page, 'vidc.FXZM').count(), 1, 'by the name ICM_GETINFO gave');
    await search(page).fill('fxzm');
    assert.equal(await option(page, 'vidc.FXZM').count(), 1);
    await search(page).fill('MPEG Layer-3');
    assert.deepEqual(
      await page.locator('[role=row][data-alias]').evaluateAll((rows) => [...new Set(rows.map((r) => r.getAttribute('data-alias')))].sort()),
      ['msacm.fxmp3', 'msacm.l3acm'],
      "the fixture's tag 0x55 and Wine's MP3 decoder's",
    );
    await search(page).fill('Cinepak');
    assert.equal(await option(page, 'vidc.cvid').count(), 1, "Wine's Cinepak by its own name");
    await search(page).fill('');
    await select(page, 'vidc.FXZM');
    assert.equal(await details(page).getByRole('heading', { level: 2 }).textContent(), 'Zipped Fixture Video');
    assert.ok(await details(page).getByText('Zipped Fixture Video (ICM_GETINFO)').isVisible());
    assert.ok(await option(page, 'vidc.FXZM').getByText('Codec settings').isVisible(), 'the list says what it offers');
  });

  it('offers Codec settings… only where ICM_CONFIGURE said yes, About… for every codec, neither for other drivers', async () => {
    await probesDone(ui.page);
    const expected: Record<string, string[]> = {
      'vidc.FXZM': ['About…', 'Codec settings…'],
      'vidc.FXAB': ['About…'],
      'msacm.fxmp3': ['About…', 'Configure…'],
      'vidc.cvid': ['About…'],
      'fx.plain': [],
    };
    for (const [alias, buttons] of Object.entries(expected)) assert.deepEqual(await dialogButtons(alias, ui), buttons, alias);
    assert.deepEqual(ui.log.events().filter((e) => e.event === 'dialog-on-query'), [], 'no codec was asked whether it has an About box');
  });

  it("opens the codec's settings and its About box with the panel as owner, and says when there is none", async () => {
    const { page, log } = ui;
    log.clear();
    await select(page, 'vidc.FXZM');
    await details(page).getByRole('button', { name: 'Codec settings…' }).click();
    await details(page).getByText("The codec's settings dialog was closed").waitFor();
    assert.deepEqual(
      log.lines().filter((l) => l.msg === ICM_CONFIGURE && l.lp1 !== '-1').map((l) => [l.driver, l.parentIsWindow]),
      [['vidc.FXZM', 1]],
    );
    await select(page, 'vidc.FXM1');
    await details(page).getByRole('button', { name: 'About…' }).click();
    await details(page).getByText('No About box of its own').waitFor();
    assert.deepEqual(
      log.lines().filter((l) => l.msg === ICM_ABOUT).map((l) => [l.driver, l.lp1 === '-1' ? 'query' : 'dialog', l.parentIsWindow]),
      [['vidc.FXM1', 'dialog', 1]],
    );
  });

  it('finds which codec handles a FourCC or a format tag, and shows the one picked', async () => {
    const { page } = ui;
    await page.getByRole('button', { name: 'Which codec…' }).click();
    const dialog = page.getByRole('dialog', { name: 'Which codec handles…' });
    const input = dialog.getByRole('textbox');
    await input.fill('FXZM');
    await input.press('Enter');
    const table = dialog.getByRole('table', { name: 'Codecs that handle the format' });
    const row = table.locator('[data-alias="vidc.FXZM"]');
    await row.waitFor({ timeout: 60_000 });
    assert.deepEqual((await row.getByRole('cell').allTextContents()).slice(0, 4), ['Zipped Fixture Video (vidc.FXZM)', '64-bit', 'Yes', 'Yes']);
    await input.fill('MPEG Layer-3');
    await dialog.getByRole('button', { name: 'Find' }).click();
    await table.locator('[data-alias="msacm.fxmp3"]').waitFor({ timeout: 60_000 });
    assert.deepEqual((await table.locator('[data-alias="msacm.fxmp3"]').getByRole('cell').allTextContents()).slice(2, 4), ['Converts', 'Converts']);
    await dialog.getByRole('button', { name: 'Show msacm.fxmp3 (64-bit)' }).click();
    await dialog.waitFor({ state: 'detached' });
    assert.equal(await details(page).getByRole('heading', { level: 2 }).textContent(), 'Fixture MP3 Codec');
  });

  it('keeps a message console behind Advanced, off by default, which fills in the structures it knows and refuses the others with the reason', async () => {
    const { page } = ui;
    await select(page, 'vidc.FXZM');
    const consoleTitle = details(page).getByRole('heading', { name: 'Message console' });
    assert.equal(await consoleTitle.count(), 0, 'off by default');
    const advanced = page.getByRole('switch', { name: 'Advanced' });
    await advanced.click();
    await consoleTitle.waitFor();
    const message = details(page).getByRole('combobox', { name: 'Message' });
    await message.selectOption('ICM_GETSTATE');
    assert.match((await details(page).getByRole('note').last().textContent()) ?? '', /^ICM_GETSTATE cannot be sent: lParam1 is a pointer to a buffer for the codec's state, .*no such structure/);
    assert.equal(await details(page).getByRole('button', { name: 'Send' }).count(), 0, 'nothing to send it with');
    await message.selectOption('ICM_GETINFO');
    await details(page).getByRole('button', { name: 'Send' }).click();
    const answer = details(page).getByRole('status', { name: 'Answer' });
    await answer.waitFor();
    const text = (await answer.textContent()) ?? '';
    assert.match(text, /^ICM_GETINFO answered 568 \(0x238\)\./);
    assert.match(text, /ICINFO as the driver left it:.*szDescription\s*Zipped Fixture Video/s);
    await advanced.click();
    await consoleTitle.waitFor({ state: 'detached' });
  });
});
