/**
 * The messages a technician may name: Winmm's DRV_* for every driver, the
 * ICM_* of a video codec (vfw.h) and the ACMDM_* of an audio codec
 * (msacmdrv.h), with what their parameters are and how to read their
 * answers. A number means different things to different kinds of driver
 * (0x500A is ICM_CONFIGURE to a video codec, a private message to an audio
 * codec), so every lookup is by kind. Without zod: the page's script names
 * messages too.
 */
import type { DriverKind } from './driverKinds';
import { DRV_QUERYCONFIGURE, DRV_USER, messageName } from './messages';

/** What a parameter is: an integer the technician gives, or a pointer to something the driver reads or fills. */
export type ParameterKind = { kind: 'integer'; meaning: string } | { kind: 'pointer'; to: string };

/** How an answer reads: an ICERR_* (video codecs), an MMSYSERR_* / ACMERR_* (audio codecs), or the number itself. */
export type AnswerKind = 'icerr' | 'mmsyserr' | 'number';

export interface CatalogueMessage {
  name: string;
  value: number;
  /** The kinds of driver that understand it; null: every kind (Winmm's own). */
  kind: DriverKind | null;
  lParam1: ParameterKind;
  lParam2: ParameterKind;
  answer: AnswerKind;
}

const ICM_USER = DRV_USER;
const ICM_RESERVED_LOW = DRV_USER + 0x1000;
const ACMDM_BASE = DRV_USER + 0x2000;

const unused: ParameterKind = { kind: 'integer', meaning: 'unused (0)' };
const ownerOrQuery: ParameterKind = { kind: 'integer', meaning: 'the owner window, or -1 to ask whether there is such a dialog' };
/** ICQueryConfigure and ICQueryAbout send -1 with ICMF_CONFIGURE_QUERY / ICMF_ABOUT_QUERY (1): a codec may look at either. */
const queryFlag: ParameterKind = { kind: 'integer', meaning: '1 (ICMF_*_QUERY) with -1 to ask, else 0' };
const pointer = (to: string): ParameterKind => ({ kind: 'pointer', to });

const vidc = (name: string, value: number, lParam1: ParameterKind, lParam2: ParameterKind = unused): CatalogueMessage => ({ name, value, kind: 'vidc', lParam1, lParam2, answer: 'icerr' });
const acm = (name: string, value: number, lParam1: ParameterKind, lParam2: ParameterKind = unused): CatalogueMessage => ({ name, value, kind: 'acm', lParam1, lParam2, answer: 'mmsyserr' });

export const messageCatalogue: readonly CatalogueMessage[] = [
  { name: 'DRV_QUERYCONFIGURE', value: DRV_QUERYCONFIGURE, kind: null, lParam1: unused, lParam2: unused, answer: 'number' },
  vidc('ICM_GETSTATE', ICM_RESERVED_LOW + 0, pointer('a buffer for the codec\'s state'), { kind: 'integer', meaning: 'the buffer\'s size' }),
  vidc('ICM_SETSTATE', ICM_RESERVED_LOW + 1, pointer('the codec\'s state'), { kind: 'integer', meaning: 'its size' }),
  vidc('ICM_GETINFO', ICM_RESERVED_LOW + 2, pointer('an ICINFO'), { kind: 'integer', meaning: 'its size' }),
  vidc('ICM_CONFIGURE', ICM_RESERVED_LOW + 10, ownerOrQuery, queryFlag),
  vidc('ICM_ABOUT', ICM_RESERVED_LOW + 11, ownerOrQuery, queryFlag),
  vidc('ICM_GETDEFAULTQUALITY', ICM_RESERVED_LOW + 30, pointer('a DWORD for the quality')),
  vidc('ICM_GETQUALITY', ICM_RESERVED_LOW + 31, pointer('a DWORD for the quality')),
  vidc('ICM_SETQUALITY', ICM_RESERVED_LOW + 32, pointer('a DWORD holding the quality')),
  vidc('ICM_COMPRESS_GET_FORMAT', ICM_USER + 4, pointer('a BITMAPINFO (input)'), pointer('a BITMAPINFO (output)')),
  vidc('ICM_COMPRESS_GET_SIZE', ICM_USER + 5, pointer('a BITMAPINFO (input)'), pointer('a BITMAPINFO (output)')),
  vidc('ICM_COMPRESS_QUERY', ICM_USER + 6, pointer('a BITMAPINFO (input)'), pointer('a BITMAPINFO (output)')),
  vidc('ICM_DECOMPRESS_GET_FORMAT', ICM_USER + 10, pointer('a BITMAPINFO (input)'), pointer('a BITMAPINFO (output)')),
  vidc('ICM_DECOMPRESS_QUERY', ICM_USER + 11, pointer('a BITMAPINFO (input)'), pointer('a BITMAPINFO (output)')),
  acm('ACMDM_DRIVER_DETAILS', ACMDM_BASE + 10, pointer('an ACMDRIVERDETAILS')),
  acm('ACMDM_DRIVER_ABOUT', ACMDM_BASE + 11, ownerOrQuery),
  acm('ACMDM_FORMATTAG_DETAILS', ACMDM_BASE + 25, pointer('an ACMFORMATTAGDETAILS'), { kind: 'integer', meaning: 'ACM_FORMATTAGDETAILSF_* flags' }),
  acm('ACMDM_FORMAT_DETAILS', ACMDM_BASE + 26, pointer('an ACMFORMATDETAILS'), { kind: 'integer', meaning: 'ACM_FORMATDETAILSF_* flags' }),
  acm('ACMDM_FORMAT_SUGGEST', ACMDM_BASE + 27, pointer('an ACMDRVFORMATSUGGEST')),
];

/** The catalogue's message of this name (any case), whatever kind it is for. */
export function catalogueMessageNamed(name: string): CatalogueMessage | null {
  const wanted = name.toUpperCase();
  return messageCatalogue.find((m) => m.name === wanted) ?? null;
}

/** The value of a message the catalogue names; for the panel's own calls, whose names are fixed. */
export function messageValue(name: string): number {
  const message = catalogueMessageNamed(name);
  if (!message) throw new Error(`${name} is not in the message catalogue`);
  return message.value;
}

/** What `value` means to a driver of `kind`, if the catalogue knows. */
export function catalogueMessage(kind: DriverKind, value: number): CatalogueMessage | null {
  return messageCatalogue.find((m) => m.value === value && (m.kind === null || m.kind === kind)) ?? null;
}

/** Why a message cannot be sent with integers: it takes a pointer the driver would follow. Null when it can. */
export function pointerRefusal(message: CatalogueMessage): string | null {
  const pointers = [message.lParam1, message.lParam2].flatMap((p, i) => (p.kind === 'pointer' ? [`lParam${i + 1} is a pointer to ${p.to}`] : []));
  if (pointers.length === 0) return null;
  return `${message.name} cannot be sent with integer parameters: ${pointers.join(', and ')}, which the driver would read or write through; an integer in its place would make it touch memory at random.`;
}

const icerrNames: ReadonlyMap<bigint, string> = new Map([
  [0n, 'ICERR_OK'],
  [1n, 'ICERR_DONTDRAW'],
  [2n, 'ICERR_NEWPALETTE'],
  [3n, 'ICERR_GOTOKEYFRAME'],
  [4n, 'ICERR_STOPDRAWING'],
  [-1n, 'ICERR_UNSUPPORTED'],
  [-2n, 'ICERR_BADFORMAT'],
  [-3n, 'ICERR_MEMORY'],
  [-4n, 'ICERR_INTERNAL'],
  [-5n, 'ICERR_BADFLAGS'],
  [-6n, 'ICERR_BADPARAM'],
  [-7n, 'ICERR_BADSIZE'],
  [-8n, 'ICERR_BADHANDLE'],
  [-9n, 'ICERR_CANTUPDATE'],
  [-10n, 'ICERR_ABORT'],
  [-100n, 'ICERR_ERROR'],
  [-200n, 'ICERR_BADBITDEPTH'],
  [-201n, 'ICERR_BADIMAGESIZE'],
]);

const mmsyserrNames: ReadonlyMap<bigint, string> = new Map([
  [0n, 'MMSYSERR_NOERROR'],
  [1n, 'MMSYSERR_ERROR'],
  [2n, 'MMSYSERR_BADDEVICEID'],
  [3n, 'MMSYSERR_NOTENABLED'],
  [4n, 'MMSYSERR_ALLOCATED'],
  [5n, 'MMSYSERR_INVALHANDLE'],
  [6n, 'MMSYSERR_NODRIVER'],
  [7n, 'MMSYSERR_NOMEM'],
  [8n, 'MMSYSERR_NOTSUPPORTED'],
  [9n, 'MMSYSERR_BADERRNUM'],
  [10n, 'MMSYSERR_INVALFLAG'],
  [11n, 'MMSYSERR_INVALPARAM'],
  [12n, 'MMSYSERR_HANDLEBUSY'],
  [512n, 'ACMERR_NOTPOSSIBLE'],
  [513n, 'ACMERR_BUSY'],
  [514n, 'ACMERR_UNPREPARED'],
  [515n, 'ACMERR_CANCELED'],
]);

/**
 * An answer in words: "ICERR_OK: yes, done" for 0 from a video codec, where a
 * plain reading of 0 would say no. Null when the catalogue has no reading.
 */
export function answerWords(message: CatalogueMessage, raw: bigint): string | null {
  if (message.answer === 'number') return null;
  const name = (message.answer === 'icerr' ? icerrNames : mmsyserrNames).get(raw);
  const success = raw === 0n ? 'success: yes, or done' : raw < 0n || message.answer === 'mmsyserr' ? 'an error: no, or not done' : 'success, with news';
  return name ? `${name} (${success})` : null;
}

/** A message's name as a driver of `kind` reads it: `ICM_CONFIGURE` to a video codec, `DRV_USER+4106` to a wave driver. */
export function messageNameFor(kind: DriverKind, value: number): string {
  return catalogueMessage(kind, value)?.name ?? messageName(value);
}
