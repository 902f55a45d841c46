/**
 * The window dev:wine opens really starts and loads the panel's page, on a
 * private display, as the user these tests run as (root on the bench
 * machines, where Chromium refuses to start with its sandbox on).
 */
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { openPanelWindow } from '../../scripts/devChromium';
import { startXvfb } from '../wine/wineBench';

describe("dev:wine's window", () => {
  it('starts and asks for the panel page', { timeout: 60_000 }, async () => {
    const display = await startXvfb();
    // A profile of its own: the person's Chromium profile is not the test's to touch.
    const home = mkdtempSync(join(tmpdir(), 'dev-window-'));
    let asked: () => void = () => undefined;
    const pageAsked = new Promise<void>((resolve) => (asked = resolve));
    const server = createServer((request, response) => {
      if (request.url === '/') asked();
      response.end('<title>panel</title>');
    });
    await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
    const address = server.address();
    const url = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}/`;
    const window = openPanelWindow(url, { ...process.env, DISPLAY: display.display, HOME: home, XDG_CONFIG_HOME: home });
    const exited = new Promise<string>((resolve) => window.once('exit', (code, signal) => resolve(`Chromium exited (${code ?? signal}) without asking for the page`)));
    let timer: NodeJS.Timeout | undefined;
    const late = new Promise<string>((resolve) => (timer = setTimeout(() => resolve('Chromium did not ask for the page within 30 s'), 30_000)));
    try {
      const outcome = await Promise.race([pageAsked.then(() => 'asked'), exited, late]);
      assert.equal(outcome, 'asked');
    } finally {
      clearTimeout(timer);
      // Its own process group: the browser and every helper it started.
      if (window.pid !== undefined && window.exitCode === null) process.kill(-window.pid, 'SIGKILL');
      server.closeAllConnections();
      server.close();
      display.stop();
      rmSync(home, { recursive: true, force: true });
    }
  });
});
