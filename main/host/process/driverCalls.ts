/**
 * One call into a driver, as the host makes it: OpenDriver (with the section
 * name, and the structure the driver's own loader passes), one message, for a
 * codec's probe the questions that say who it is, CloseDriver. Before each
 * stage and each message the host says where it is, so that the supervisor
 * can tell which step a crash or hang happened in.
 */
import { performance } from 'node:perf_hooks';
import { loadedModuleFile } from '../../win32/kernel32';
import { DestroyWindow, createOwnerWindow } from '../../win32/user32';
import type { Handle } from '../../win32/win32Types';
import {
  CloseDriver,
  DRVCONFIGINFO_SIZE,
  GetDriverModuleHandle,
  SendDriverMessage,
  SendDriverMessageWithBitmaps,
  SendDriverMessageWithBuffer,
  SendDriverMessageWithConfig,
} from '../../win32/winmm';
import { filledBuffer, readFilled } from './filledStructures';
import type { StructureFields } from '../../../app/drivers';
import { BITMAPINFOHEADER, type BitmapInfoHeader } from '../../win32/codecStructures';
import { koffi } from '../../win32/win32Types';
import { fourccValue } from '../../../app/codecWords';
import type { CallStage } from '../../../app/drivers';
import type { BitmapHeaderParam, HostCallOutcome, HostCallRequest, HostParam1 } from '../hostProtocol';
import { readIdentity } from './codecQueries';
import { openDriver } from './driverOpening';

/** Where the host is: a stage, and in the message stage which message. */
export type EnterStage = (stage: CallStage, message?: number) => void;

/**
 * Runs `call` with lParam1 resolved: an integer as given, or a hidden top-level
 * window to own the driver's dialog when the caller has no window (the CLI
 * without a console, the test bench). The window is created on the thread that
 * calls into drivers (a modal dialog pumps that thread's messages) and lives
 * only for the call: between calls nothing pumps it, and a window that does not
 * answer would hold up Windows' shutdown.
 */
function withParam1<T>(param: HostParam1, call: (lParam1: bigint) => T): T {
  // A bitmap header is made in send(), for the call alone.
  if (param.kind !== 'owner-window') return call(param.kind === 'integer' ? BigInt(param.value) : 0n);
  const owner = createOwnerWindow('Multimedia drivers');
  try {
    return call(owner ?? 0n);
  } finally {
    if (owner) DestroyWindow(owner);
  }
}

/** A 320 × 240 frame of `compression` (a FourCC; '' for BI_RGB), as a program asking a codec about a format fills one in. */
function bitmapHeader({ compression, bitCount }: BitmapHeaderParam): BitmapInfoHeader {
  const WIDTH = 320;
  const HEIGHT = 240;
  return {
    biSize: koffi.sizeof(BITMAPINFOHEADER),
    biWidth: WIDTH,
    biHeight: HEIGHT,
    biPlanes: 1,
    biBitCount: bitCount,
    biCompression: compression ? fourccValue(compression) : 0,
    biSizeImage: compression ? 0 : (WIDTH * HEIGHT * bitCount) / 8,
    biXPelsPerMeter: 0,
    biYPelsPerMeter: 0,
    biClrUsed: 0,
    biClrImportant: 0,
  };
}

interface Sent {
  raw: bigint;
  structure: StructureFields | null;
}

function send(driver: Handle, request: HostCallRequest, lParam1: bigint): Sent {
  const { message, lParam1: first, lParam2 } = request;
  if (first.kind === 'bitmap-header') {
    return { raw: BigInt(SendDriverMessageWithBitmaps(driver, message, bitmapHeader(first), lParam2.kind === 'bitmap-header' ? bitmapHeader(lParam2) : null)), structure: null };
  }
  if (first.kind === 'structure') {
    if (lParam2.kind !== 'integer') throw new Error('A structure to fill in is sent with an integer lParam2.');
    const buffer = filledBuffer(first);
    const raw = BigInt(SendDriverMessageWithBuffer(driver, message, buffer, BigInt(lParam2.value)));
    return { raw, structure: readFilled(first, buffer) };
  }
  return { raw: sendIntegers(driver, request, lParam1), structure: null };
}

function sendIntegers(driver: Handle, request: HostCallRequest, lParam1: bigint): bigint {
  const { message, lParam2, alias } = request;
  switch (lParam2.kind) {
    case 'integer':
      return BigInt(SendDriverMessage(driver, message, lParam1, BigInt(lParam2.value)));
    case 'config-info':
      return BigInt(
        SendDriverMessageWithConfig(driver, message, lParam1, { dwDCISize: DRVCONFIGINFO_SIZE, lpszDCISectionName: lParam2.section, lpszDCIAliasName: alias }),
      );
    case 'bitmap-header':
      throw new Error('A bitmap header as lParam2 is sent with one as lParam1.');
  }
}

export function callDriver(request: HostCallRequest, enter: EnterStage): HostCallOutcome {
  return withParam1(request.lParam1, (lParam1) => openSendClose(request, lParam1, enter));
}

function openSendClose(request: HostCallRequest, lParam1: bigint, enter: EnterStage): HostCallOutcome {
  const started = performance.now();
  enter('open');
  const driver = openDriver(request.alias, request.opening);
  if (!driver) return { ok: false, reason: 'open-failed', durationMs: performance.now() - started };
  try {
    enter('message', request.message);
    const { raw, structure } = send(driver, request, lParam1);
    const { opening } = request;
    const identity = request.readIdentity && opening.kind !== 'plain' ? readIdentity(driver, opening.kind, (message) => enter('message', message)) : null;
    const module = GetDriverModuleHandle(driver);
    const loadedPath = module ? loadedModuleFile(module) : null;
    return { ok: true, raw: raw.toString(), loadedPath, durationMs: performance.now() - started, identity, structure };
  } finally {
    enter('close');
    CloseDriver(driver, 0n, 0n);
  }
}
