/**
 * The driver thread. Every call into a driver happens here, one at a time and
 * in order: OpenDriver, one message, CloseDriver. Running on its own thread
 * keeps the panel's main thread responsive while a driver shows a dialog or hangs.
 */
import { parentPort } from 'node:worker_threads';
import { performance } from 'node:perf_hooks';
import { moduleFileName } from '../win32/kernel32';
import { createOwnerWindow } from '../win32/user32';
import type { Handle } from '../win32/win32Types';
import {
  CloseDriver,
  DRVCONFIGINFO_SIZE,
  GetDriverModuleHandle,
  OpenDriver,
  SendDriverMessage,
  SendDriverMessageWithConfig,
} from '../win32/winmm';
import type { DriverCallOutcome, DriverCallRequest, ThreadReply, ThreadRequest } from './driverThreadProtocol';

function send(driver: Handle, request: DriverCallRequest): bigint {
  const { message, lParam1, lParam2, alias } = request;
  const raw =
    lParam2.kind === 'integer'
      ? SendDriverMessage(driver, message, lParam1, lParam2.value)
      : SendDriverMessageWithConfig(driver, message, lParam1, {
          dwDCISize: DRVCONFIGINFO_SIZE,
          lpszDCISectionName: lParam2.section,
          lpszDCIAliasName: alias,
        });
  return BigInt(raw);
}

function callDriver(request: DriverCallRequest): DriverCallOutcome {
  const started = performance.now();
  const driver = OpenDriver(request.alias, null, 0n);
  if (!driver) return { ok: false, reason: 'open-failed', durationMs: performance.now() - started };
  try {
    const raw = send(driver, request);
    const module = GetDriverModuleHandle(driver);
    const loadedPath = module ? moduleFileName(module) : null;
    return { ok: true, raw, loadedPath, durationMs: performance.now() - started };
  } finally {
    CloseDriver(driver, 0n, 0n);
  }
}

function handle(request: ThreadRequest): ThreadReply {
  try {
    if (request.type === 'owner-window') {
      return { type: 'owner-window', id: request.id, handle: createOwnerWindow(request.title) };
    }
    return { type: 'call', id: request.id, outcome: callDriver(request) };
  } catch (error) {
    return { type: 'error', id: request.id, message: error instanceof Error ? error.message : String(error) };
  }
}

const port = parentPort;
if (!port) throw new Error('driverWorker must run as a worker thread');
port.on('message', (request: ThreadRequest) => port.postMessage(handle(request)));
