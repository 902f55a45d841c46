/**
 * Answers a request for the panel's own pages: a file of the built renderer
 * with the panel's security headers, or 404. Electron's app:// handler and the
 * Linux browser bench both serve through this, so tests see the app's headers.
 */
import { CONTENT_SECURITY_POLICY, resolveAppAsset } from './securityPolicy';

/** Reads a file into a response (Electron: net.fetch of its file: URL); rejects when there is none. */
export type FileFetcher = (file: string) => Promise<Response>;

export const securityHeaders: Readonly<Record<string, string>> = {
  'Content-Security-Policy': CONTENT_SECURITY_POLICY,
  'X-Content-Type-Options': 'nosniff',
};

export async function serveAppAsset(root: string, url: string, fetchFile: FileFetcher): Promise<Response> {
  const file = resolveAppAsset(root, url);
  const response = file ? await fetchFile(file).catch(() => null) : null;
  if (!response?.ok) return new Response('Not found', { status: 404, headers: { 'Content-Type': 'text/plain', ...securityHeaders } });
  const headers = new Headers(response.headers);
  for (const [name, value] of Object.entries(securityHeaders)) headers.set(name, value);
  return new Response(response.body, { status: response.status, headers });
}
