/**
 * The integer ranges values are checked against: a driver message is a UINT
 * (as is a registry value's type, a DWORD), its two parameters and the
 * driver's answer are LPARAM and LRESULT, signed 64-bit in an x64 process.
 * The contract's schemas and the CLI's parser both check against these bounds.
 * Without zod, so that the page's script, which names messages, does not carry it.
 */

export const INT64_MIN = -(2n ** 63n);
export const INT64_MAX = 2n ** 63n - 1n;
export const UINT32_MAX = 0xffff_ffff;

/** Whether an LPARAM or LRESULT can hold the value. */
export function isInt64(value: bigint): boolean {
  return value >= INT64_MIN && value <= INT64_MAX;
}

/** Whether a message number (a UINT) can hold the value. */
export function isUint32(value: bigint): boolean {
  return value >= 0n && value <= BigInt(UINT32_MAX);
}

export const INT32_MIN = -(2n ** 31n);
export const INT32_MAX = 2n ** 31n - 1n;

/** Whether a 32-bit driver's LPARAM (signed 32-bit in an x86 process) can hold the value. */
export function isInt32(value: bigint): boolean {
  return value >= INT32_MIN && value <= INT32_MAX;
}
