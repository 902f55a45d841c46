/**
 * Entry point of the Windows process behind the Wine test bench and `dev:wine`:
 * the real driver service, with its handlers served on a loopback socket.
 * Under Wine a Windows process's stdout must not be a Linux pipe, so the host
 * announces itself through a ready file instead.
 *
 *   node bridgeHost.js --ready-file <path> [--port <n>]
 */
import { randomBytes } from 'node:crypto';
import { writeFileSync, renameSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { createHandlers } from '../contractHandlers';
import { childProcessHost } from '../drivers/childHostLauncher';
import { DriverService } from '../drivers/driverService';
import { HostSupervisor } from '../drivers/hostSupervisor';
import type { BridgeReady } from './bridgeProtocol';
import { BridgeServer } from './bridgeServer';

async function main(): Promise<void> {
  const { values } = parseArgs({ options: { 'ready-file': { type: 'string' }, port: { type: 'string', default: '0' } } });
  const readyFile = values['ready-file'];
  if (!readyFile) throw new Error('--ready-file is required');

  const service = new DriverService(new HostSupervisor(childProcessHost()));
  const token = randomBytes(16).toString('hex');
  // The bridge has no window of its own: the driver host owns dialogs with a hidden window.
  const server = new BridgeServer(createHandlers(service, { parentWindow: async () => null }), token);
  // The bridge serves the Linux process that started it; when that one goes, so does it, and its driver host.
  server.onIdle = () => {
    service.close();
    process.exit(0);
  };
  service.on('probeOutcome', (outcome) => server.broadcast('probeOutcome', outcome));
  service.on('restartRequired', (requirement) => server.broadcast('restartRequired', requirement));

  const port = await server.listen(Number(values.port));
  const ready: BridgeReady = { port, token, pid: process.pid };
  writeFileSync(`${readyFile}.tmp`, JSON.stringify(ready));
  renameSync(`${readyFile}.tmp`, readyFile);
}

main().catch((error: unknown) => {
  process.stderr.write(`bridge host failed: ${error instanceof Error ? error.stack : String(error)}\n`);
  process.exit(1);
});
