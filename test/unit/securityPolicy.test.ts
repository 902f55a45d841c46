import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, sep } from 'node:path';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import {
  APP_ENTRY,
  APP_ORIGIN,
  CONTENT_SECURITY_POLICY,
  META_CONTENT_SECURITY_POLICY,
  isAppUrl,
  isFromPanelFrame,
  permissionAllowed,
  resolveAppAsset,
} from '../../main/window/securityPolicy';
import { defaultWindowState, loadWindowState, saveWindowState } from '../../main/window/windowState';

describe('the main window security settings', () => {
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
    assert.equal(resolveAppAsset(root, 'app://panel/%zz.js'), null, 'a malformed escape');
    assert.equal(resolveAppAsset(root, 'app://panel/index.html%00.js'), null, 'a NUL');
  });

  it('answers any request path with a file inside the renderer folder or null, never an exception', () => {
    const root = mkdtempSync(join(tmpdir(), 'renderer-'));
    const segment = fc.oneof(fc.string({ maxLength: 12 }), fc.constantFrom('..', '.', '%', '%zz', '%2e%2e', '%2f', '%5c', '%00', '%E0%A4%A', '\\', 'C:'));
    fc.assert(
      fc.property(fc.array(segment, { maxLength: 6 }), (segments) => {
        const file = resolveAppAsset(root, `app://panel/${segments.join('/')}`);
        assert.ok(file === null || file.startsWith(root + sep), String(file));
      }),
      { numRuns: 2000, seed: 20261123 },
    );
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

describe('permissionAllowed', () => {
  it('grants writing the clipboard to the panel page only, and nothing else to anyone', () => {
    assert.equal(permissionAllowed('clipboard-sanitized-write', APP_ENTRY), true);
    assert.equal(permissionAllowed('clipboard-sanitized-write', APP_ORIGIN), true);
    assert.equal(permissionAllowed('clipboard-sanitized-write', 'https://example.com/'), false);
    assert.equal(permissionAllowed('clipboard-sanitized-write', ''), false);
    for (const permission of ['clipboard-read', 'media', 'geolocation', 'notifications', 'openExternal', 'fileSystem', 'hid', 'serial', 'usb']) {
      assert.equal(permissionAllowed(permission, APP_ENTRY), false, permission);
    }
  });
});
