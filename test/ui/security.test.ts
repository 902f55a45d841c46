/**
 * The panel's web security on the browser bench: pages served through the
 * app's own handler with its headers, every Content-Security-Policy violation
 * seen (script-src included, across reloads), and a bridge that no other page
 * can use to reach a driver.
 */
import assert from 'node:assert/strict';
import { createServer, request as httpRequest, type Server } from 'node:http';
import { describe, it } from 'node:test';
import { DRV_INSTALL } from '../../app/messages';
import { securityHeaders } from '../../main/window/appAssets';
import { META_CONTENT_SECURITY_POLICY } from '../../main/window/securityPolicy';
import { TOKEN_HEADER } from './benchToken';
import { probesDone } from './panelPage';
import { usePanel } from './uiBench';

interface Answer {
  status: number;
  body: string;
}

/** A raw HTTP request, so that Host and Origin can be anything a browser or an attacker would send. */
function post(url: string, headers: Record<string, string>, body: string): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const req = httpRequest(url, { method: 'POST', headers }, (res) => {
      let text = '';
      res.on('data', (chunk: Buffer) => (text += chunk.toString()));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body: text }));
    });
    req.on('error', reject);
    req.end(body);
  });
}

/** A page on another localhost port, as any web page the user opens could be. */
async function otherSite(html: string): Promise<{ url: string; close(): Promise<void> }> {
  const server: Server = createServer((_req, res) => {
    res.writeHead(200, { 'Content-Type': 'text/html' });
    res.end(html);
  });
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  return { url: `http://127.0.0.1:${port}/`, close: () => new Promise((done) => server.close(() => done())) };
}

describe("web security of the panel (64-bit drivers: no driver's view reaches the page's security)", () => {
  const ui = usePanel();

  it("serves its pages with the app's own security headers and the built CSP tag", async () => {
    const { page } = ui;
    await probesDone(page);
    for (const path of ['', 'index.html', 'no-such-file.js', '%zz']) {
      const response = await page.request.get(new URL(path, page.url()).toString());
      for (const [name, value] of Object.entries(securityHeaders)) assert.equal(response.headers()[name.toLowerCase()], value, `${name} on /${path}`);
    }
    assert.equal(await page.locator('meta[http-equiv="Content-Security-Policy"]').getAttribute('content'), META_CONTENT_SECURITY_POLICY);
  });

  it('reports every violation, of script-src too, on every load of the page', async () => {
    assert.deepEqual(ui.cspViolations, [], 'the panel itself broke no rule while it listed and probed');
    // Run by the page itself: what Playwright evaluates is exempt from the policy, a string timer is not.
    const tryForbidden = (): Promise<boolean> =>
      ui.page.evaluate(async () => {
        const script = document.createElement('script');
        script.textContent = 'window.inlineRan = true';
        document.body.append(script);
        const setStringTimer = setTimeout as unknown as (code: string, ms: number) => void;
        setStringTimer('window.evalRan = true', 0);
        await new Promise((r) => setTimeout(r, 200));
        const ran = window as unknown as { inlineRan?: boolean; evalRan?: boolean };
        return ran.inlineRan === true || ran.evalRan === true;
      });
    const directivesSeen = async (): Promise<string[]> => {
      const deadline = Date.now() + 5_000;
      while (new Set(ui.cspViolations.map((v) => v.directive)).size < 2 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
      const seen = [...new Set(ui.cspViolations.map((v) => v.directive))].sort();
      ui.cspViolations.splice(0);
      return seen;
    };
    assert.equal(await tryForbidden(), false, 'neither inline script nor a string timer runs');
    assert.deepEqual(await directivesSeen(), ['script-src', 'script-src-elem']);
    await ui.page.reload();
    await probesDone(ui.page);
    assert.equal(await tryForbidden(), false);
    assert.deepEqual(await directivesSeen(), ['script-src', 'script-src-elem'], 'the listener came back with the reloaded page');
  });

  it('lets no other page, host name or token-less request reach a driver through the bridge', { timeout: 60_000 }, async () => {
    const { page, log } = ui;
    const panel = new URL(page.url());
    const token = await page.locator('meta[name="drivers-panel-bridge-token"]').getAttribute('content');
    assert.ok(token && token.length >= 32, 'the page carries a token');
    log.clear();
    const call = `${panel.origin}/bridge/call/installDriver`;
    const body = JSON.stringify({ alias: 'fx.plain' });
    const json = { 'Content-Type': 'application/json' };
    assert.equal((await post(call, json, body)).status, 403, 'no token');
    assert.equal((await post(call, { ...json, [TOKEN_HEADER]: 'x'.repeat(64) }, body)).status, 403, 'a wrong token');
    assert.equal((await post(call, { ...json, [TOKEN_HEADER]: token, Origin: 'http://127.0.0.1:1' }, body)).status, 403, 'another origin');
    assert.equal((await post(call, { ...json, [TOKEN_HEADER]: token, Host: 'evil.example:80' }, body)).status, 421, 'a rebound host name');

    const attacker = await otherSite(`<!doctype html><script>
      const target = ${JSON.stringify(panel.origin)};
      for (const mode of ['no-cors', 'cors']) {
        fetch(target + '/bridge/call/installDriver', { method: 'POST', mode, body: '{"alias":"fx.plain"}' }).catch(() => {});
        fetch(target + '/bridge/call/installDriver', { method: 'POST', mode, headers: { 'Content-Type': 'application/json', 'X-Bridge-Token': 'guess' }, body: '{"alias":"fx.plain"}' }).catch(() => {});
      }
      new EventSource(target + '/bridge/events');
      document.title = 'sent';
    </script>`);
    try {
      const other = await page.context().newPage();
      await other.goto(attacker.url);
      await other.waitForFunction(() => document.title === 'sent');
      await other.waitForTimeout(1_500);
      await other.close();
    } finally {
      await attacker.close();
    }
    assert.deepEqual(log.lines().filter((l) => l.msg === DRV_INSTALL), [], 'DRV_INSTALL never ran');

    const allowed = await post(call, { ...json, [TOKEN_HEADER]: token, Origin: panel.origin }, body);
    assert.equal(allowed.status, 200, 'the panel page itself is served');
    assert.ok(log.lines().some((l) => l.msg === DRV_INSTALL), 'and its request reaches the driver');
  });
});
