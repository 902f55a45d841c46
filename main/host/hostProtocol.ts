/**
 * Messages between the host supervisor (in the panel's or the CLI's process)
 * and the driver host process, the only process that ever calls into a driver.
 * Plain JSON values, so that Node's child_process IPC and Electron's
 * utilityProcess carry them alike: 64-bit integers travel as decimal strings.
 */

import { classifyAlias } from '../../app/driverKinds';
import type { CodecIdentity } from '../../app/codecIdentity';
import type { StructureFields } from '../../app/drivers';

/** The section name OpenDriver is given, so that Winmm never falls back to LoadLibrary(alias). */
export const DRIVERS_SECTION = 'Drivers32';

/** ICMODE_*: what ICOpen tells a video codec it is opened for. */
export const icModes = { compress: 1, decompress: 2, query: 4 } as const;

/**
 * What OpenDriver's lParam2 carries: nothing, or the structure the codec's own
 * loader passes (ICOpen's ICOPEN for a video codec, with the handler the
 * codec is registered for; msacm32's ACMDRVOPENDESC for an audio codec).
 * Codecs that serve several FourCCs, or that keep instance data only for a
 * full open, do not work without it.
 */
export type HostOpening =
  | { kind: 'plain' }
  | { kind: 'video-codec'; handler: string; mode: number }
  | { kind: 'audio-codec' };

const modeNames: Record<number, string> = { 1: 'ICMODE_COMPRESS', 2: 'ICMODE_DECOMPRESS', 4: 'ICMODE_QUERY' };

/** How a driver was opened, for a person: "OpenDriver with an ICOPEN (type vidc, handler XVID, ICMODE_QUERY)". */
export function openingText(alias: string, opening: HostOpening): string {
  switch (opening.kind) {
    case 'plain':
      return `OpenDriver(${alias}, ${DRIVERS_SECTION}, 0)`;
    case 'video-codec':
      return `OpenDriver with an ICOPEN (type vidc, handler ${opening.handler}, ${modeNames[opening.mode] ?? opening.mode}), as ICOpen opens it`;
    case 'audio-codec':
      return `OpenDriver with an ACMDRVOPENDESC (type audc, ${DRIVERS_SECTION}, ${alias}), as msacm32 opens it`;
  }
}

/** How the loader of `alias`'s kind opens it: `vidc.XVID` as ICOpen('vidc', 'XVID', mode). */
export function loaderOpening(alias: string, mode: number = icModes.query): HostOpening {
  switch (classifyAlias(alias)) {
    case 'vidc':
      return { kind: 'video-codec', handler: alias.slice('vidc.'.length, 'vidc.'.length + 4), mode };
    case 'acm':
      return { kind: 'audio-codec' };
    default:
      return { kind: 'plain' };
  }
}

/**
 * A BITMAPINFOHEADER the host fills in (320 × 240, one plane) for a codec's
 * format queries: `compression` a FourCC, or '' for BI_RGB.
 */
export interface BitmapHeaderParam {
  kind: 'bitmap-header';
  compression: string;
  bitCount: number;
}

export type FormatDirection = 'decompress' | 'compress';

/**
 * A format query as ICLocate asks it: ICM_DECOMPRESS_QUERY with a 24-bit
 * frame of `fourcc` and NULL for any output, in a codec opened to
 * decompress; ICM_COMPRESS_QUERY from 24-bit RGB to `fourcc`, in one opened
 * to compress.
 */
export function formatQuery(direction: FormatDirection, fourcc: string): { message: string; lParam1: BitmapHeaderParam; lParam2: HostParam2; mode: number } {
  const frame = (compression: string): BitmapHeaderParam => ({ kind: 'bitmap-header', compression, bitCount: 24 });
  return direction === 'decompress'
    ? { message: 'ICM_DECOMPRESS_QUERY', lParam1: frame(fourcc), lParam2: { kind: 'integer', value: '0' }, mode: icModes.decompress }
    : { message: 'ICM_COMPRESS_QUERY', lParam1: frame(''), lParam2: frame(fourcc), mode: icModes.compress };
}

/** A structure the host allocates for the codec to fill in, and reads back after the call (`index`: ACMFORMATTAGDETAILS' dwFormatTagIndex). */
export interface FilledStructureParam {
  kind: 'structure';
  structure: 'ICINFO' | 'ACMDRIVERDETAILS' | 'ACMFORMATTAGDETAILS';
  index: number;
}

/** lParam1: an integer, "the host's own hidden owner window" for a dialog with no window to belong to, a bitmap header, or a structure to fill. */
export type HostParam1 = { kind: 'integer'; value: string } | { kind: 'owner-window' } | BitmapHeaderParam | FilledStructureParam;

/** lParam2: an integer, "a DRVCONFIGINFO for this section and the alias", a bitmap header, or NULL beside one. */
export type HostParam2 = { kind: 'integer'; value: string } | { kind: 'config-info'; section: string } | BitmapHeaderParam;

export interface HostCallRequest {
  id: number;
  alias: string;
  opening: HostOpening;
  message: number;
  lParam1: HostParam1;
  lParam2: HostParam2;
  /** After the message, in the same open: ask the codec who it is (codecQueries.ts). */
  readIdentity: boolean;
}

export type HostCallOutcome =
  | {
      ok: true;
      raw: string;
      loadedPath: string | null;
      durationMs: number;
      identity: CodecIdentity | null;
      /** The structure lParam1 pointed to, as the driver left it, field by field (SDK names); null when there was none. */
      structure: StructureFields | null;
    }
  | { ok: false; reason: 'open-failed'; durationMs: number };

/** Calls for the host to make one after the other; it answers them in `replies`, several at a time. */
export interface HostBatch {
  type: 'calls';
  calls: HostCallRequest[];
}

export type HostReply = { id: number; outcome: HostCallOutcome } | { id: number; error: string };

/**
 * Where the host is within a call is not a message: it is on the stage board
 * (stageBoard.ts), which costs nothing per step and survives the host.
 */
export type HostMessage =
  | { type: 'ready'; pid: number }
  /** `unrun`: the calls of the batch the host did not make, because a person's request was waiting. */
  | { type: 'replies'; replies: HostReply[]; unrun?: number[] };

/**
 * What the host writes into its own stdout and stderr before each call, and
 * after its batch, so that the supervisor can tell which driver wrote what
 * (main/host/supervisor/hostOutput.ts): NUL, the host's stage board name (which only
 * the two of them know, so no registered text can pass for a mark), a colon,
 * the alias being called (empty: none), NUL.
 */
export function outputMark(hostName: string, alias: string): Buffer {
  return Buffer.from(`\0${hostName}:${alias}\0`, 'utf8');
}

