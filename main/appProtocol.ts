/** Serves the built renderer on app://panel/ through serveAppAsset. */
import { net, protocol } from 'electron';
import { pathToFileURL } from 'node:url';
import { serveAppAsset } from './appAssets';
import { APP_SCHEME } from './securityPolicy';

/** Must run before the app is ready. */
export function registerAppScheme(): void {
  protocol.registerSchemesAsPrivileged([
    { scheme: APP_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: false } },
  ]);
}

export function serveRenderer(root: string): void {
  protocol.handle(APP_SCHEME, (request) => serveAppAsset(root, request.url, (file) => net.fetch(pathToFileURL(file).toString())));
}
