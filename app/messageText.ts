/**
 * A message and its integer parameters as a technician types them, read the
 * same way by the CLI and the panel's message console: a number (decimal or
 * 0x hex), DRV_USER+n, or a name from the catalogue for the driver's kind.
 * Each reader gives the value, or why it cannot be read.
 */
import { kindNouns, withArticle, type DriverKind } from './driverKinds';
import { isInt64, isUint32 } from './integerRange';
import { catalogueMessageNamed } from './messageCatalogue';
import { DRV_USER } from './messages';

export type Read<T> = { ok: true; value: T } | { ok: false; why: string };

/** An LPARAM: a signed 64-bit integer in decimal or 0x hex. Never a pointer from the caller. */
export function readInt64(text: string): Read<bigint> {
  const match = /^(-)?(0x[0-9a-f]+|\d+)$/i.exec(text.trim());
  if (!match?.[2]) return { ok: false, why: `"${text}" is not an integer (decimal or 0x hex).` };
  const value = BigInt(match[2]) * (match[1] ? -1n : 1n);
  return isInt64(value) ? { ok: true, value } : { ok: false, why: `${text} does not fit in a 64-bit LPARAM.` };
}

/** A message by number, DRV_USER+n, or by its name in the catalogue, which must be a message of `kind`. */
export function readMessage(text: string, kind: DriverKind): Read<number> {
  const named = catalogueMessageNamed(text.trim());
  if (named) {
    if (named.kind !== null && named.kind !== kind) {
      return { ok: false, why: `${named.name} is a message for ${withArticle(kindNouns[named.kind])}; this driver is ${withArticle(kindNouns[kind])}. Give its number if you mean it.` };
    }
    return { ok: true, value: named.value };
  }
  const user = /^DRV_USER(?:\+(\S+))?$/i.exec(text.trim());
  const offset = user?.[1] ? readInt64(user[1]) : ({ ok: true, value: 0n } as const);
  if (!offset.ok) return offset;
  const number = user ? { ok: true as const, value: BigInt(DRV_USER) + offset.value } : readInt64(text);
  if (!number.ok) return number;
  return isUint32(number.value) ? { ok: true, value: Number(number.value) } : { ok: false, why: `Message ${text} is outside 0 … 0xFFFFFFFF.` };
}

/** An LRESULT in hex as the SDK writes it: two's complement at 64 bits for a negative one ("-1" is 0xFFFFFFFFFFFFFFFF). */
export function lresultHex(raw: string): string {
  return `0x${BigInt.asUintN(64, BigInt(raw)).toString(16).toUpperCase()}`;
}
