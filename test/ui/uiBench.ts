/**
 * One real panel per UI suite: the Wine bridge host with the fixture drivers,
 * the panel server, and Debian's Chromium driven by Playwright.
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { after, before } from 'node:test';
import { chromium, type Browser, type Page } from 'playwright-core';
import { root } from '../../scripts/prepare-wine';
import { FixtureLog, registerFixtures } from '../wine/fixtureRegistry';
import { driveC, startBench, startBridgeHost, testPrefix, windowsPath, type Bench, type BridgeHost } from '../wine/wineBench';
import { startPanelServer, type PanelServer } from './panelServer';

export const screenshotDir = join(root, 'test-results', 'screenshots');

/** The flags Chromium needs as root on a machine without outside network. */
const chromiumArgs = ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];

export interface UiSuite {
  readonly page: Page;
  readonly bench: Bench;
  /** The bridge host: the panel's main-process side. */
  readonly host: BridgeHost;
  readonly log: FixtureLog;
  /** Opens the panel afresh (a new page, as a new window would). */
  reload(): Promise<Page>;
  /**
   * Every Content-Security-Policy violation of every page of the suite, reloads
   * included, as the page reported it; the suite fails if any is left at its end.
   */
  readonly cspViolations: CspViolation[];
}

export interface CspViolation {
  directive: string;
  blockedURI: string;
  sample: string;
}

/** Registered before any page script runs, on every page and every load of the context. */
function reportCspViolations(): void {
  const report = (window as unknown as { reportCspViolation: (v: CspViolation) => void }).reportCspViolation;
  document.addEventListener('securitypolicyviolation', (e) => report({ directive: e.effectiveDirective, blockedURI: e.blockedURI, sample: e.sample }));
}

/**
 * `extraDrivers` registers more aliases beside the standard fixtures (`extra32`
 * in the 32-bit view); `bridgeArgs` and `hostEnv` go to the bridge host.
 */
export function usePanel(extraDrivers: Record<string, string> = {}, bridgeArgs: string[] = [], hostEnv: NodeJS.ProcessEnv = {}, extra32: Record<string, string> = {}): UiSuite {
  let bench: Bench | undefined;
  let host: BridgeHost | undefined;
  let server: PanelServer | undefined;
  let browser: Browser | undefined;
  let page: Page | undefined;
  const log = new FixtureLog(join(driveC, 'ui-fixture-log.jsonl'));
  const cspViolations: CspViolation[] = [];

  const open = async (): Promise<Page> => {
    if (!browser || !server) throw new Error('the UI bench is not running');
    await page?.close();
    const context = await browser.newContext({ viewport: { width: 1280, height: 800 }, colorScheme: 'light' });
    // As Electron's permission handler allows the panel's own page: copying to the clipboard (and reading it back, for the tests).
    await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: new URL(server.url).origin });
    await context.exposeFunction('reportCspViolation', (v: CspViolation) => cspViolations.push(v));
    await context.addInitScript(reportCspViolations);
    page = await context.newPage();
    await page.goto(server.url);
    return page;
  };

  before(async () => {
    mkdirSync(screenshotDir, { recursive: true });
    bench = await startBench();
    registerFixtures(testPrefix, bench.env, extraDrivers, extra32);
    log.clear();
    host = await startBridgeHost(bench, { FIXTURE_DRIVER_LOG: windowsPath(log.path), ...hostEnv }, bridgeArgs);
    server = await startPanelServer(host.client);
    browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: chromiumArgs });
    await open();
  });

  after(async () => {
    await browser?.close();
    await server?.close();
    await host?.stop();
    bench?.stop();
    if (cspViolations.length > 0) throw new Error(`the panel broke its Content-Security-Policy: ${JSON.stringify(cspViolations)}`);
  });

  const need = <T>(value: T | undefined, what: string): T => {
    if (value === undefined) throw new Error(`${what} is not running`);
    return value;
  };
  return {
    get page() {
      return need(page, 'the page');
    },
    get bench() {
      return need(bench, 'the bench');
    },
    get host() {
      return need(host, 'the bridge host');
    },
    log,
    reload: open,
    cspViolations,
  };
}
