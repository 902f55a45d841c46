/**
 * The panel's security rules, as plain data and functions so that tests can
 * assert them without Electron. `window.ts` and `appProtocol.ts` apply them.
 */
import { resolve, sep } from 'node:path';

/** The renderer is served from this custom scheme instead of file:// (Electron security checklist). */
export const APP_SCHEME = 'app';
export const APP_HOST = 'panel';
export const APP_ORIGIN = `${APP_SCHEME}://${APP_HOST}`;
export const APP_ENTRY = `${APP_ORIGIN}/index.html`;

/**
 * No remote content, no inline script, no eval; the UI talks to main only
 * through the preload. Inline styles are allowed because Fluent UI's CSS-in-JS
 * (Griffel) inserts its rules into <style> elements at run time.
 */
const policy = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data:",
  "font-src 'self'",
  "connect-src 'self'",
  "base-uri 'none'",
  "form-action 'none'",
  "object-src 'none'",
];
export const CONTENT_SECURITY_POLICY = [...policy, "frame-ancestors 'none'"].join('; ');
/** The same policy for index.html's <meta> tag, which cannot carry frame-ancestors. */
export const META_CONTENT_SECURITY_POLICY = policy.join('; ');

/** Only the app's own pages may load in the window; everything else is refused. */
export function isAppUrl(url: string): boolean {
  try {
    const parsed = new URL(url);
    return parsed.protocol === `${APP_SCHEME}:` && parsed.host === APP_HOST;
  } catch {
    return false;
  }
}

/**
 * Maps an app:// URL to a file inside `root`, or null for anything that would
 * escape it. The URL parser already folds `..`, so the check is a safety net.
 */
export function resolveAppAsset(root: string, url: string): string | null {
  if (!isAppUrl(url)) return null;
  const pathname = decodedPath(new URL(url).pathname);
  if (pathname === null || pathname.includes('\0')) return null;
  const file = resolve(root, `.${pathname === '/' ? '/index.html' : pathname}`);
  return file.startsWith(resolve(root) + sep) ? file : null;
}

/** A malformed escape such as `%zz` names no file; it must not throw in the protocol handler. */
function decodedPath(pathname: string): string | null {
  try {
    return decodeURIComponent(pathname);
  } catch {
    return null;
  }
}

/** The parts of an IPC event and of the panel window that decide whether to trust a request. */
export interface IpcSender {
  sender: unknown;
  senderFrame: { url: string } | null;
}
export interface PanelWindow {
  webContents: { mainFrame: unknown };
}

/** Only the panel window's own main frame, showing the app, may call the contract. */
export function isFromPanelFrame(event: IpcSender, window: PanelWindow): boolean {
  const frame = event.senderFrame;
  return event.sender === window.webContents && frame !== null && frame === window.webContents.mainFrame && isAppUrl(frame.url);
}

/**
 * The one web permission the panel uses: writing text to the clipboard (Copy
 * details, Ctrl+C), from its own page only. Reading the clipboard, the camera,
 * notifications and the rest are refused.
 */
export function permissionAllowed(permission: string, requestingUrl: string): boolean {
  return permission === 'clipboard-sanitized-write' && isAppUrl(requestingUrl);
}
