import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import {
  APP_ENTRY,
  CONTENT_SECURITY_POLICY,
  META_CONTENT_SECURITY_POLICY,
  isAppUrl,
  isFromPanelFrame,
  resolveAppAsset,
  secureWebPreferences,
} from '../../main/securityPolicy';
import { defaultWindowState, loadWindowState, saveWindowState } from '../../main/windowState';

describe('the main window security settings', () => {
  it('isolates and sandboxes the renderer with no Node integration', () => {
    const prefs = secureWebPreferences('C:\\app\\preload.js');
    assert.equal(prefs.contextIsolation, true);
    assert.equal(prefs.sandbox, true);
    assert.equal(prefs.nodeIntegration, false);
    assert.equal(prefs.nodeIntegrationInWorker, false);
    assert.equal(prefs.nodeIntegrationInSubFrames, false);
    assert.equal(prefs.webSecurity, true);
    assert.equal(prefs.allowRunningInsecureContent, false);
    assert.equal(prefs.preload, 'C:\\app\\preload.js');
  });

  it('has a CSP without remote sources, inline script or eval', () => {
    const directives = new Map(CONTENT_SECURITY_POLICY.split('; ').map((d) => [d.split(' ')[0], d]));
    assert.equal(directives.get('default-src'), "default-src 'none'");
    assert.equal(directives.get('script-src'), "script-src 'self'");
    assert.equal(directives.get('connect-src'), "connect-src 'self'");
    assert.equal(directives.get('frame-ancestors'), "frame-ancestors 'none'");
    assert.doesNotMatch(CONTENT_SECURITY_POLICY, /unsafe-eval|https?:|\*/);
    assert.ok(CONTENT_SECURITY_POLICY.startsWith(META_CONTENT_SECURITY_POLICY));
  });

  it('allows navigation only within app://panel', () => {
    assert.ok(isAppUrl(APP_ENTRY));
    assert.ok(isAppUrl('app://panel/assets/index.js'));
    for (const url of ['https://example.com/', 'file:///C:/x.html', 'app://other/index.html', 'javascript:alert(1)', 'not a url']) {
      assert.ok(!isAppUrl(url), url);
    }
  });

  it('serves only files inside the renderer folder', () => {
    const root = mkdtempSync(join(tmpdir(), 'renderer-'));
    assert.equal(resolveAppAsset(root, 'app://panel/'), join(root, 'index.html'));
    assert.equal(resolveAppAsset(root, 'app://panel/assets/a.js'), join(root, 'assets', 'a.js'));
    // The URL parser folds dot segments, so this stays inside the root.
    assert.equal(resolveAppAsset(root, 'app://panel/%2e%2e/%2e%2e/secret.txt'), join(root, 'secret.txt'));
    assert.equal(resolveAppAsset(root, 'app://panel/..%2fsecret.txt'), null);
    assert.equal(resolveAppAsset(root, 'https://panel/index.html'), null);
  });
});

describe('IPC sender check', () => {
  it('trusts only the panel window main frame showing the app', () => {
    const mainFrame = { url: APP_ENTRY };
    const webContents = { mainFrame };
    const window = { webContents };
    assert.ok(isFromPanelFrame({ sender: webContents, senderFrame: mainFrame }, window));
    assert.ok(!isFromPanelFrame({ sender: webContents, senderFrame: { url: APP_ENTRY } }, window), 'a subframe');
    assert.ok(!isFromPanelFrame({ sender: {}, senderFrame: mainFrame }, window), 'another webContents');
    assert.ok(!isFromPanelFrame({ sender: webContents, senderFrame: null }, window), 'a frame that is gone');
    const navigated = { url: 'https://example.com/' };
    assert.ok(!isFromPanelFrame({ sender: webContents, senderFrame: navigated }, { webContents: { mainFrame: navigated } }), 'remote content');
  });
});

describe('window state', () => {
  it('round-trips and falls back to the default for missing or implausible files', () => {
    const dir = mkdtempSync(join(tmpdir(), 'state-'));
    const file = join(dir, 'nested', 'window-state.json');
    assert.deepEqual(loadWindowState(file), defaultWindowState);
    saveWindowState(file, { width: 1300, height: 900, x: 10, y: 20, maximized: true });
    assert.deepEqual(loadWindowState(file), { width: 1300, height: 900, x: 10, y: 20, maximized: true });
    writeFileSync(file, JSON.stringify({ width: 5, height: 900 }));
    assert.deepEqual(loadWindowState(file), defaultWindowState);
    writeFileSync(file, '{not json');
    assert.deepEqual(loadWindowState(file), defaultWindowState);
  });
});
