/**
 * Accessibility defects a new user found, each checked in Chromium against the
 * real panel: selection visible in every theme and in forced colours, focus
 * kept on the button after Configure…, action buttons that stay put, feedback
 * while the list is read, a listing failure said as such, and axe clean in the
 * states a person sees.
 */
import AxeBuilder from '@axe-core/playwright';
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Locator, Page } from 'playwright-core';
import { details, option, probesDone, search, select } from './panelPage';
import { usePanel } from './uiBench';

/** WCAG 2 contrast ratio of two CSS rgb()/rgba() colours. */
function contrast(a: string, b: string): number {
  const luminance = (css: string): number => {
    const [r = 0, g = 0, bl = 0] = (css.match(/[\d.]+/g) ?? []).slice(0, 3).map((v) => {
      const c = Number(v) / 255;
      return c <= 0.04045 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
    });
    return 0.2126 * r + 0.7152 * g + 0.0722 * bl;
  };
  const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x) as [number, number];
  return (hi + 0.05) / (lo + 0.05);
}

async function styleOf(target: Locator, ...properties: string[]): Promise<Record<string, string>> {
  return target.evaluate((el, props) => {
    const style = getComputedStyle(el);
    return Object.fromEntries(props.map((p) => [p, style.getPropertyValue(p)]));
  }, properties);
}

/** What a system colour keyword resolves to on this page. */
async function systemColor(page: Page, keyword: string): Promise<string> {
  return page.evaluate((k) => {
    const probe = document.createElement('div');
    probe.style.backgroundColor = k;
    probe.style.setProperty('forced-color-adjust', 'none');
    document.body.append(probe);
    const value = getComputedStyle(probe).backgroundColor;
    probe.remove();
    return value;
  }, keyword);
}

/** Serious and critical axe findings, but for Tabster's focus bumpers (see the allow-list note below). */
async function axeFindings(page: Page): Promise<string[]> {
  // Let Fluent's fade-ins finish: axe would measure half-transparent colours.
  await page.waitForFunction(() => document.getAnimations().every((a) => a.playState !== 'running'));
  const results = await new AxeBuilder({ page }).analyze();
  return results.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .flatMap((v) =>
      v.nodes
        // Tabster (Fluent's focus manager) puts aria-hidden, focusable <i data-tabster-dummy> at the page's edges on
        // purpose: they pass focus on at once and must stay hidden from screen readers (microsoft/tabster#288;
        // Accessibility Insights suppresses them). The test below proves focus never rests on one.
        .filter((n) => !(v.id === 'aria-hidden-focus' && n.html.includes('data-tabster-dummy')))
        .map((n) => `${v.id}: ${n.target.join(' ')} ${n.failureSummary ?? ''}`),
    );
}

describe('accessibility of the panel (64-bit drivers: a 32-bit row is the same component)', () => {
  const ui = usePanel();

  it('keeps Install… and Remove… in place when Configure… appears with a late probe', async () => {
    const { page } = ui;
    // The first listing: fx.slow takes over a second to answer its probe, and nothing is remembered yet.
    await select(page, 'fx.slow');
    // Its file details come first (the name in the title changes with them); then the probe's answer.
    await details(page).getByText('fixture.dll', { exact: true }).first().waitFor();
    await details(page).getByRole('heading', { name: 'Fixture installable driver' }).waitFor();
    const configure = details(page).getByRole('button', { name: 'Configure…' });
    assert.equal(await configure.count(), 0, 'the probe has not answered yet');
    const boxes = async (): Promise<string> =>
      JSON.stringify([await details(page).getByRole('button', { name: 'Install…' }).boundingBox(), await details(page).getByRole('button', { name: 'Remove…' }).boundingBox()]);
    const before = await boxes();
    await configure.waitFor();
    assert.equal(await boxes(), before);
    await probesDone(page);
  });

  it('shows the selected row at 3:1 or more in light and dark, unlike hover', async () => {
    const { page } = ui;
    await probesDone(page);
    for (const colorScheme of ['light', 'dark'] as const) {
      await page.emulateMedia({ colorScheme });
      await select(page, 'fx.restart');
      await page.waitForFunction(() => document.getAnimations().every((a) => a.playState !== 'running'));
      const list = await styleOf(page.getByRole('grid', { name: 'Installed drivers' }), 'background-color');
      const selected = await styleOf(option(page, 'fx.restart'), 'outline-color', 'outline-style', 'background-color');
      assert.equal(selected['outline-style'], 'solid', `${colorScheme}: the selected row has an edge`);
      const ratio = contrast(selected['outline-color'] ?? '', list['background-color'] ?? '');
      assert.ok(ratio >= 3, `${colorScheme}: selection edge ${ratio.toFixed(2)}:1 against the list`);
      await option(page, 'fx.plain').hover();
      const hovered = await styleOf(option(page, 'fx.plain'), 'outline-style', 'background-color');
      assert.equal(hovered['outline-style'], 'none', `${colorScheme}: hover has no selection edge`);
      assert.notEqual(hovered['background-color'], selected['background-color'], `${colorScheme}: hover and selection differ`);
    }
    await page.emulateMedia({ colorScheme: 'light' });
  });

  it('paints the selected row in system colours when Windows forces colours', async () => {
    const { page } = ui;
    await page.emulateMedia({ forcedColors: 'active' });
    try {
      await select(page, 'fx.restart');
      const selected = await styleOf(option(page, 'fx.restart'), 'background-color', 'color');
      assert.equal(selected['background-color'], await systemColor(page, 'Highlight'));
      assert.equal(selected.color, await systemColor(page, 'HighlightText'));
      await option(page, 'fx.plain').hover();
      const hovered = await styleOf(option(page, 'fx.plain'), 'background-color', 'outline-style');
      assert.notEqual(hovered['background-color'], selected['background-color'], 'hover is not selection');
      assert.equal(hovered['outline-style'], 'dashed');
      assert.deepEqual(await axeFindings(page), []);
    } finally {
      await page.emulateMedia({ forcedColors: 'none' });
    }
  });

  it('keeps focus on Configure… after it was used from the keyboard', async () => {
    const { page } = ui;
    await select(page, 'fx.restart');
    const configure = details(page).getByRole('button', { name: 'Configure…' });
    await configure.focus();
    await page.keyboard.press('Enter');
    await page.getByTestId('restart-banner').waitFor();
    await page.waitForFunction(() => !document.querySelector('[aria-disabled="true"]'));
    assert.equal(await configure.evaluate((el) => el === document.activeElement), true, 'focus is back on Configure…');
  });

  it('says at once that the list is being read after Refresh, and keeps focus on the button', async () => {
    const { page } = ui;
    await probesDone(page);
    // Every text the toolbar's status shows, with its time: on a short list the message may last only a moment.
    await page.evaluate(() => {
      const status = document.querySelector('[role=toolbar] [role=status]');
      if (!status) throw new Error('the toolbar has no status');
      const seen: Array<{ at: number; text: string }> = [];
      Object.assign(window, { statusSeen: seen, refreshedAt: performance.now() });
      new MutationObserver(() => seen.push({ at: performance.now(), text: status.textContent })).observe(status, { subtree: true, childList: true, characterData: true });
    });
    const refresh = page.getByRole('button', { name: 'Refresh' });
    await refresh.focus();
    await page.evaluate(() => Object.assign(window, { refreshedAt: performance.now() }));
    await page.keyboard.press('Enter');
    const delay = await page.waitForFunction(() => {
      const { statusSeen, refreshedAt } = window as unknown as { statusSeen: Array<{ at: number; text: string }>; refreshedAt: number };
      const shown = statusSeen.find((s) => s.text.includes('Reading the installed drivers…'));
      // Never 0, which waitForFunction would take for "not yet".
      return shown ? Math.max(shown.at - refreshedAt, 0.001) : false;
    });
    const ms = Number(await delay.jsonValue());
    assert.ok(ms < 250, `the status came ${ms} ms after the key`);
    assert.equal(await refresh.evaluate((el) => el === document.activeElement), true);
    await probesDone(page);
  });

  it('has no serious or critical axe finding in the list, a selection, a dialog and the restart banner', async () => {
    const { page } = ui;
    await probesDone(page);
    assert.deepEqual(await axeFindings(page), [], 'list and selection');
    await details(page).getByRole('button', { name: 'Install…' }).click();
    await page.getByRole('dialog').waitFor();
    assert.deepEqual(await axeFindings(page), [], 'confirmation dialog');
    await page.getByRole('button', { name: 'Cancel' }).click();
    await page.getByRole('dialog').waitFor({ state: 'detached' });
    await page.getByTestId('restart-banner').waitFor();
    assert.deepEqual(await axeFindings(page), [], 'restart banner');
  });

  it('never leaves keyboard focus on a hidden focus bumper', async () => {
    const { page } = ui;
    await search(page).focus();
    for (const key of [...Array<string>(25).fill('Tab'), ...Array<string>(25).fill('Shift+Tab')]) {
      await page.keyboard.press(key);
      const onBumper = await page.evaluate(() => document.activeElement?.hasAttribute('data-tabster-dummy') === true);
      assert.equal(onBumper, false, `after ${key}`);
    }
  });

  it('says that the drivers could not be listed, not that the search matched nothing', async () => {
    await ui.host.stop();
    const page = await ui.reload();
    const list = page.getByRole('region', { name: 'Driver list' });
    await list.getByText(/The drivers could not be listed: The driver service has stopped/).waitFor();
    assert.equal(await list.getByText('No driver matches the search.').count(), 0);
    await page.getByRole('button', { name: 'Try again' }).waitFor();
  });
});
