/** Serves the built renderer on app://panel/ through serveAppAsset. */
import { net, protocol } from 'electron';
import { pathToFileURL } from 'node:url';
import { serveAppAsset } from '../window/appAssets';
import { APP_SCHEME } from '../window/securityPolicy';

/**
 * Must run before the app is ready. codeCache lets Electron keep V8's compiled
 * panel script between starts (Chromium does so for http(s) only, unless a
 * scheme asks): compiling and evaluating it is 60–200 ms of the time to the
 * first rows (npm run bench).
 */
export function registerAppScheme(): void {
  protocol.registerSchemesAsPrivileged([
    { scheme: APP_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: false, codeCache: true } },
  ]);
}

export function serveRenderer(root: string): void {
  protocol.handle(APP_SCHEME, (request) => serveAppAsset(root, request.url, (file) => net.fetch(pathToFileURL(file).toString())));
}
