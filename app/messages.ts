/**
 * Installable-driver messages and configuration results, as declared in
 * mmsystem.h / mmiscapi.h. Values are part of the Win32 ABI and never change.
 */
import { UINT32_MAX } from './integerRange';

export const DRV_LOAD = 0x0001;
export const DRV_ENABLE = 0x0002;
export const DRV_OPEN = 0x0003;
export const DRV_CLOSE = 0x0004;
export const DRV_DISABLE = 0x0005;
export const DRV_FREE = 0x0006;
export const DRV_CONFIGURE = 0x0007;
export const DRV_QUERYCONFIGURE = 0x0008;
export const DRV_INSTALL = 0x0009;
export const DRV_REMOVE = 0x000a;
export const DRV_EXITSESSION = 0x000b;
export const DRV_POWER = 0x000f;
/** Messages below this value are reserved for Winmm's own protocol. */
export const DRV_RESERVED = 0x0800;
export const DRV_USER = 0x4000;

export const DRVCNF_CANCEL = 0;
export const DRVCNF_OK = 1;
export const DRVCNF_RESTART = 2;

const messageNames: ReadonlyMap<number, string> = new Map([
  [DRV_LOAD, 'DRV_LOAD'],
  [DRV_ENABLE, 'DRV_ENABLE'],
  [DRV_OPEN, 'DRV_OPEN'],
  [DRV_CLOSE, 'DRV_CLOSE'],
  [DRV_DISABLE, 'DRV_DISABLE'],
  [DRV_FREE, 'DRV_FREE'],
  [DRV_CONFIGURE, 'DRV_CONFIGURE'],
  [DRV_QUERYCONFIGURE, 'DRV_QUERYCONFIGURE'],
  [DRV_INSTALL, 'DRV_INSTALL'],
  [DRV_REMOVE, 'DRV_REMOVE'],
  [DRV_EXITSESSION, 'DRV_EXITSESSION'],
  [DRV_POWER, 'DRV_POWER'],
]);

/** A readable name for log lines and the CLI: `DRV_CONFIGURE`, `DRV_USER+5`, `0x0123`. */
export function messageName(message: number): string {
  const known = messageNames.get(message);
  if (known) return known;
  if (message >= DRV_USER) return `DRV_USER+${message - DRV_USER}`;
  return `0x${message.toString(16).padStart(4, '0')}`;
}

/** What a DRV_CONFIGURE / DRV_INSTALL / DRV_REMOVE answer means to a person. */
export const configResults = ['ok', 'cancel', 'restart', 'unsupported'] as const;
export type ConfigResult = (typeof configResults)[number];

/**
 * -1 as a driver answers it, also as a 32-bit LONG or DWORD that a 64-bit
 * caller reads zero-extended (0xFFFFFFFF): a DriverProc declared to return
 * LONG leaves the upper half of the 64-bit LRESULT empty.
 */
export function isMinusOne(raw: bigint): boolean {
  return raw === -1n || raw === BigInt(UINT32_MAX);
}

/**
 * Decodes a DRVCNF_* answer. -1 is no DRVCNF_* value but what a driver's
 * default branch answers a message it does not handle (ICERR_UNSUPPORTED in
 * a video codec): Wine's Cinepak answers DRV_CONFIGURE so and shows nothing.
 * Any other nonzero answer counts as done: that is how the Windows Drivers
 * applet treated drivers that answer TRUE or another nonzero value, and the
 * raw value is always kept beside it.
 */
export function decodeConfigResult(raw: bigint): ConfigResult {
  if (raw === BigInt(DRVCNF_CANCEL)) return 'cancel';
  if (raw === BigInt(DRVCNF_RESTART)) return 'restart';
  if (isMinusOne(raw)) return 'unsupported';
  return 'ok';
}

/**
 * Messages a technician may send with integer parameters. Winmm's own
 * lifecycle messages and those whose lParam is a pointer (configure, install)
 * are refused: an integer in their place would be dereferenced by the driver.
 */
export function isSendableMessage(message: number): boolean {
  return message === DRV_QUERYCONFIGURE || (message >= DRV_RESERVED && message <= UINT32_MAX);
}
