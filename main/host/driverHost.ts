/**
 * Entry point of the driver host process: the only process that ever calls
 * into a driver. It takes one request at a time and answers it; a driver that
 * faults ends this process (crashGuard), one that hangs blocks it until the
 * supervisor ends it. Either way the panel and the CLI live on.
 */
import { guardAgainstCrashDialogs } from './crashGuard';
import { callDriver } from './driverCalls';
import { connectToSupervisor } from './hostChannel';
import type { HostMessage } from './hostProtocol';

guardAgainstCrashDialogs();
const channel = connectToSupervisor();

channel.onRequest((request) => {
  let reply: HostMessage;
  try {
    const outcome = callDriver(request, (stage) => channel.post({ type: 'stage', id: request.id, stage }));
    reply = { type: 'reply', id: request.id, outcome };
  } catch (error) {
    reply = { type: 'error', id: request.id, message: error instanceof Error ? error.message : String(error) };
  }
  channel.post(reply);
});

channel.post({ type: 'ready', pid: process.pid });
