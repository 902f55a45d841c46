/**
 * Serves the built renderer to a plain browser, with `window.driversPanel`
 * provided by browserBridge.js, and relays its HTTP calls and event streams to
 * the real contract handlers in the Wine bridge host. The page gets the same
 * Content-Security-Policy as in Electron.
 */
import { readFile } from 'node:fs/promises';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { extname, join, resolve, sep } from 'node:path';
import { eventNames, type EventName } from '../../app/contract';
import { CONTENT_SECURITY_POLICY } from '../../main/securityPolicy';
import { root } from '../../scripts/prepare-wine';
import type { BridgeClient } from '../wine/bridgeClient';

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
  return text ? (JSON.parse(text) as unknown) : {};
}

function send(response: ServerResponse, status: number, type: string, body: string | Buffer): void {
  response.writeHead(status, { 'Content-Type': type, 'Content-Security-Policy': CONTENT_SECURITY_POLICY, 'Cache-Control': 'no-store' });
  response.end(body);
}

/** index.html with the bridge loaded first, as a classic script, before the app's module. */
async function indexPage(): Promise<string> {
  const html = await readFile(join(rendererDir, 'index.html'), 'utf8');
  return html.replace('<script type="module"', '<script src="/bench/browserBridge.js"></script>\n    <script type="module"');
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

async function serveStatic(path: string, response: ServerResponse): Promise<void> {
  const file = resolve(rendererDir, `.${path}`);
  if (!file.startsWith(rendererDir + sep)) return send(response, 404, 'text/plain', 'Not found');
  try {
    send(response, 200, types[extname(file)] ?? 'application/octet-stream', await readFile(file));
  } catch {
    send(response, 404, 'text/plain', 'Not found');
  }
}

async function route(bridge: BridgeClient, request: IncomingMessage, response: ServerResponse): Promise<void> {
  const path = new URL(request.url ?? '/', 'http://localhost').pathname;
  const call = /^\/bridge\/call\/([A-Za-z]+)$/.exec(path);
  if (call?.[1] && request.method === 'POST') {
    const reply = await bridge.callUnchecked(call[1], await readBody(request));
    return send(response, 200, 'application/json', JSON.stringify(reply));
  }
  if (path === '/bridge/events') return streamEvents(bridge, request, response);
  if (path === '/' || path === '/index.html') return send(response, 200, 'text/html', await indexPage());
  if (path === '/bench/browserBridge.js') return send(response, 200, 'text/javascript', await readFile(bridgeScript));
  return serveStatic(path, response);
}

export async function startPanelServer(bridge: BridgeClient, port = 0): Promise<PanelServer> {
  const server: Server = createServer((request, response) => {
    route(bridge, request, response).catch((error: unknown) => send(response, 500, 'text/plain', String(error)));
  });
  await new Promise<void>((done) => server.listen(port, '127.0.0.1', done));
  const address = server.address();
  const actualPort = typeof address === 'object' && address ? address.port : port;
  return {
    url: `http://127.0.0.1:${actualPort}/`,
    close: () =>
      new Promise((done) => {
        server.closeAllConnections();
        server.close(() => done());
      }),
  };
}
