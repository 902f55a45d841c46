/**
 * The panel at scale, for `npm run bench`: the built renderer in Debian's
 * Chromium through Playwright, over the real contract to the bridge host and
 * its driver host under Wine, with every driver of the bench prefix. A fresh
 * state each run, so the panel probes every driver as on its first start.
 *
 * Times in the page are read from the page's own clock (performance.now(),
 * 0 at navigation start), so Playwright's round trips are not in them.
 */
import type { CDPSession, Page } from 'playwright-core';
import { chromium } from 'playwright-core';
import { search } from '../test/ui/panelPage';
import { startPanelServer } from '../test/ui/panelServer';
import type { BridgeClient } from '../test/wine/bridgeClient';
import { startBench, startBridgeHost } from '../test/wine/wineBench';

export interface PanelTimings {
  /** Navigation start to the first driver row in the document. */
  firstRows: number;
  /** Navigation start to the moment no probe is outstanding. */
  allProbes: number;
  /** Keydown in the search box to the frame after it, each of the keystrokes. */
  keystrokes: number[];
  /** Tasks over 50 ms during a fast scroll from top to bottom and back. */
  longTasksWhileScrolling: number[];
  /** JS heap in use after a full garbage collection, in bytes. */
  heapAfterGc: number;
  rows: number;
}

const KEYSTROKES = 20;
/**
 * The page says when its first row is in. Waiting for it with a locator would
 * inject Playwright's selector engine into the page while it loads: 40–50 ms
 * of the page's main thread that the panel itself never spends.
 */
const FIRST_ROW_MESSAGE = 'bench: first row';

/** Runs in the page before its scripts (serialised: it sees only its argument): records the first row's arrival, long tasks, and keystroke-to-frame times. */
function instrumentPage(firstRowMessage: string): void {
  const marks = { firstRow: 0, longTasks: [] as Array<{ start: number; duration: number }>, keystrokes: [] as number[] };
  (window as unknown as { benchMarks: typeof marks }).benchMarks = marks;
  new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) marks.longTasks.push({ start: entry.startTime, duration: entry.duration });
  }).observe({ type: 'longtask', buffered: true });
  new MutationObserver((_, observer) => {
    if (document.querySelector('[role=row][data-alias]')) {
      marks.firstRow = performance.now();
      observer.disconnect();
      console.debug(firstRowMessage);
    }
  }).observe(document, { childList: true, subtree: true });
  // The frame after a keystroke: requestAnimationFrame runs before that frame's paint, the message after it once it is done.
  document.addEventListener(
    'keydown',
    (event) => {
      if (!(event.target instanceof HTMLInputElement)) return;
      const pressed = event.timeStamp;
      requestAnimationFrame(() => {
        const channel = new MessageChannel();
        channel.port1.onmessage = () => marks.keystrokes.push(performance.now() - pressed);
        channel.port2.postMessage(null);
      });
    },
    true,
  );
}

interface PageMarks {
  firstRow: number;
  longTasks: Array<{ start: number; duration: number }>;
  keystrokes: number[];
}

const marks = (page: Page): Promise<PageMarks> => page.evaluate(() => (window as unknown as { benchMarks: PageMarks }).benchMarks);

async function typeSearches(page: Page): Promise<number[]> {
  const box = search(page);
  await box.focus();
  const before = (await marks(page)).keystrokes.length;
  // Each keystroke narrows or widens the 2,000 rows: "fx.bench1", then back.
  const keys = ['f', 'x', '.', 'b', 'e', 'n', 'c', 'h', '1', '2', 'Backspace', 'Backspace', 'Backspace', 'Backspace', 'Backspace', 'Backspace', 'Backspace', 'Backspace', 'Backspace', 'Backspace'];
  for (const [index, key] of keys.slice(0, KEYSTROKES).entries()) {
    await page.keyboard.press(key);
    // One keystroke at a time, each measured on its own frame.
    await page.waitForFunction((n) => (window as unknown as { benchMarks: PageMarks }).benchMarks.keystrokes.length >= n, before + index + 1);
    await page.waitForTimeout(50);
  }
  return (await marks(page)).keystrokes.slice(before);
}

/** Scrolls the table as fast as a wheel can, to the bottom and back; returns the long tasks it caused. */
async function fastScroll(page: Page): Promise<number[]> {
  const grid = page.getByRole('grid', { name: 'Installed drivers' });
  const box = await grid.boundingBox();
  if (!box) throw new Error('the driver table is not on screen');
  await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
  const from = await page.evaluate(() => performance.now());
  for (const direction of [1, -1]) {
    for (let i = 0; i < 60; i++) await page.mouse.wheel(0, direction * 1500);
  }
  await page.waitForTimeout(500);
  return (await marks(page)).longTasks.filter((t) => t.start >= from).map((t) => t.duration);
}

/** Resolves once the host has sent no update for `ms`. */
async function quiet(client: BridgeClient, ms: number): Promise<void> {
  let last = performance.now();
  const off = client.on('driversUpdated', () => (last = performance.now()));
  try {
    while (performance.now() - last < ms) await new Promise((resolve) => setTimeout(resolve, 100));
  } finally {
    off();
  }
}

async function heapAfterGc(cdp: CDPSession): Promise<number> {
  await cdp.send('HeapProfiler.collectGarbage');
  const { usedSize } = await cdp.send('Runtime.getHeapUsage');
  return usedSize;
}

/** One run of the panel against every driver registered in `prefix`. */
export async function measurePanel(prefix: string): Promise<PanelTimings> {
  const bench = await startBench(prefix, null, false);
  const host = await startBridgeHost(bench);
  const server = await startPanelServer(host.client);
  const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking'] });
  try {
    const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
    await context.addInitScript(instrumentPage, FIRST_ROW_MESSAGE);
    const page = await context.newPage();
    const cdp = await context.newCDPSession(page);
    const firstRow = page.waitForEvent('console', { predicate: (message) => message.text() === FIRST_ROW_MESSAGE, timeout: 60_000 });
    await page.goto(server.url);
    await firstRow;
    const firstRows = (await marks(page)).firstRow;
    await page.getByText(/Checking \d+ driver/).waitFor({ state: 'attached', timeout: 60_000 }).catch(() => undefined);
    await page.getByText(/Checking \d+ driver/).waitFor({ state: 'detached', timeout: 300_000 });
    const allProbes = await page.evaluate(() => performance.now());
    const rows = await page.evaluate(() => document.querySelectorAll('[role=row][data-alias]').length);
    // The signatures are still streaming in after the probes: the keystrokes and the scroll are measured on a settled list.
    await quiet(host.client, 1000);
    const keystrokes = await typeSearches(page);
    const longTasksWhileScrolling = await fastScroll(page);
    return { firstRows, allProbes, keystrokes, longTasksWhileScrolling, heapAfterGc: await heapAfterGc(cdp), rows };
  } finally {
    await browser.close();
    await server.close();
    await host.stop();
    bench.stop();
  }
}
