/**
 * Serves the built renderer to a plain browser, with `window.driversPanel`
 * provided by browserBridge.js, and relays its HTTP calls and event streams to
 * the real contract handlers in the Wine bridge host. The renderer's files go
 * through the app's own serveAppAsset, headers and all, as in Electron.
 *
 * The relay runs drivers' code, so only the panel's own page may use it: the
 * Host must be this server (no DNS rebinding), a browser's Origin must be this
 * server, and every call carries the per-run token written into the page.
 */
import { randomBytes } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { extname, join } from 'node:path';
import { eventNames, type EventName } from '../../app/contract';
import { securityHeaders, serveAppAsset } from '../../main/window/appAssets';
import { APP_ORIGIN } from '../../main/window/securityPolicy';
import { root } from '../../scripts/prepare-wine';
import type { BridgeClient } from '../wine/bridgeClient';
import { TOKEN_HEADER, TOKEN_META } from './benchToken';

const rendererDir = join(root, 'dist', 'renderer');
const bridgeScript = join(root, 'dist', 'bench', 'browserBridge.js');
const types: Record<string, string> = { '.html': 'text/html', '.js': 'text/javascript', '.css': 'text/css', '.map': 'application/json', '.svg': 'image/svg+xml' };

export interface PanelServer {
  url: string;
  close(): Promise<void>;
}

async function readBody(request: IncomingMessage): Promise<unknown> {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  const text = Buffer.concat(chunks).toString('utf8');
  try {
    return text ? (JSON.parse(text) as unknown) : {};
  } catch {
    // Not JSON: the handlers answer "no request" with a typed invalid-request.
    return undefined;
  }
}

function send(response: ServerResponse, status: number, type: string, body: string | Buffer): void {
  response.writeHead(status, { ...securityHeaders, 'Content-Type': type, 'Cache-Control': 'no-store' });
  response.end(body);
}

async function readRendererFile(file: string): Promise<Response> {
  return new Response(await readFile(file), { headers: { 'Content-Type': types[extname(file)] ?? 'application/octet-stream' } });
}

/** A renderer file through the app's handler; index.html gets the bridge (and its token) before the app's module. */
async function serveRenderer(path: string, token: string, response: ServerResponse): Promise<void> {
  const served = await serveAppAsset(rendererDir, `${APP_ORIGIN}${path}`, readRendererFile);
  let body = Buffer.from(await served.arrayBuffer());
  if (served.ok && (path === '/' || path === '/index.html')) {
    const bridge = `<meta name="${TOKEN_META}" content="${token}" />\n    <script src="/bench/browserBridge.js"></script>\n    <script type="module"`;
    body = Buffer.from(body.toString('utf8').replace('<script type="module"', bridge));
  }
  response.writeHead(served.status, { ...Object.fromEntries(served.headers), 'Cache-Control': 'no-store' });
  response.end(body);
}

/** One stream carries every event, each under its contract name. */
function streamEvents(bridge: BridgeClient, request: IncomingMessage, response: ServerResponse): void {
  response.writeHead(200, { 'Content-Type': 'text/event-stream', 'Cache-Control': 'no-store', Connection: 'keep-alive' });
  response.write(': connected\n\n');
  const offs = eventNames.map((event: EventName) =>
    bridge.on(event, (payload) => response.write(`event: ${event}\ndata: ${JSON.stringify(payload)}\n\n`)),
  );
  request.on('close', () => offs.forEach((off) => off()));
}

/** Whether a request comes from the panel's own page on this server (see the file comment). */
function fromPanelPage(request: IncomingMessage, origin: string, token: string): boolean {
  const url = new URL(request.url ?? '/', origin);
  const sentOrigin = request.headers.origin;
  const sentToken = request.headers[TOKEN_HEADER] ?? url.searchParams.get('token');
  return `http://${request.headers.host ?? ''}` === origin && (sentOrigin === undefined || sentOrigin === origin) && sentToken === token;
}

async function route(bridge: BridgeClient, request: IncomingMessage, response: ServerResponse, origin: string, token: string): Promise<void> {
  if (`http://${request.headers.host ?? ''}` !== origin) return send(response, 421, 'text/plain', 'This server answers only as ' + origin);
  const path = new URL(request.url ?? '/', origin).pathname;
  if (path.startsWith('/bridge/') && !fromPanelPage(request, origin, token)) return send(response, 403, 'text/plain', 'Only the panel page may use the bridge');
  const call = /^\/bridge\/call\/([A-Za-z]+)$/.exec(path);
  if (call?.[1] && request.method === 'POST') {
    const reply = await bridge.callUnchecked(call[1], await readBody(request));
    return send(response, 200, 'application/json', JSON.stringify(reply));
  }
  if (path === '/bridge/events') return streamEvents(bridge, request, response);
  if (path === '/bench/browserBridge.js') return send(response, 200, 'text/javascript', await readFile(bridgeScript));
  return serveRenderer(path, token, response);
}

export async function startPanelServer(bridge: BridgeClient, port = 0): Promise<PanelServer> {
  const token = randomBytes(32).toString('hex');
  let origin = '';
  const server: Server = createServer((request, response) => {
    route(bridge, request, response, origin, token).catch((error: unknown) => send(response, 500, 'text/plain', String(error)));
  });
  await new Promise<void>((done) => server.listen(port, '127.0.0.1', done));
  const address = server.address();
  origin = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : port}`;
  return {
    url: `${origin}/`,
    close: () =>
      new Promise((done) => {
        server.closeAllConnections();
        server.close(() => done());
      }),
  };
}
