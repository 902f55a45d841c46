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
import {
  DRV_CLOSE,
  DRV_CONFIGURE,
  DRV_DISABLE,
  DRV_ENABLE,
  DRV_EXITSESSION,
  DRV_FREE,
  DRV_INSTALL,
  DRV_LOAD,
  DRV_OPEN,
  DRV_POWER,
  DRV_QUERYCONFIGURE,
  DRV_REMOVE,
  DRV_USER,
  isMinusOne,
  messageName,
} from './messages';

/**
 * The structures the driver host allocates, fills in and reads back for a
 * technician's message: a codec's answers (ICINFO, ACMDRIVERDETAILS, a format
 * tag's ACMFORMATTAGDETAILS by index) and the frame a format query is about
 * (a BITMAPINFOHEADER of a FourCC).
 */
export const hostStructures = ['ICINFO', 'ACMDRIVERDETAILS', 'ACMFORMATTAGDETAILS', 'BITMAPINFOHEADER'] as const;
export type HostStructure = (typeof hostStructures)[number];

/**
 * What a parameter is: an integer the technician gives, or a pointer to
 * something the driver reads or fills, which the host can allocate
 * (`structure`) or cannot (the message is refused).
 */
export type ParameterKind = { kind: 'integer'; meaning: string } | { kind: 'pointer'; to: string; structure?: HostStructure };

/** How an answer reads: a DRVCNF_* (Winmm's dialogs), an ICERR_* (video codecs), an MMSYSERR_* / ACMERR_* (audio codecs), or the number itself. */
export type AnswerKind = 'drvcnf' | 'icerr' | 'mmsyserr' | 'number';

export interface CatalogueMessage {
  name: string;
  value: number;
  /** The kinds of driver that understand it; null: every kind (Winmm's own). */
  kind: DriverKind | null;
  lParam1: ParameterKind;
  lParam2: ParameterKind;
  answer: AnswerKind;
  /** Winmm's own message, which a technician does not send: why, and what sends it. */
  own?: string;
}

const ICM_USER = DRV_USER;
const ICM_RESERVED_LOW = DRV_USER + 0x1000;
const ACMDM_BASE = DRV_USER + 0x2000;

const unused: ParameterKind = { kind: 'integer', meaning: 'unused (0)' };
const ownerOrQuery: ParameterKind = { kind: 'integer', meaning: 'the owner window, or -1 to ask whether there is such a dialog' };
/** ICQueryConfigure and ICQueryAbout send -1 with ICMF_CONFIGURE_QUERY / ICMF_ABOUT_QUERY (1): a codec may look at either. */
const queryFlag: ParameterKind = { kind: 'integer', meaning: '1 (ICMF_*_QUERY) with -1 to ask, else 0' };
const pointer = (to: string, structure?: HostStructure): ParameterKind => ({ kind: 'pointer', to, ...(structure ? { structure } : {}) });
/** A BITMAPINFOHEADER the host fills in: of the FourCC given, or 24-bit RGB. */
const frame = (role: string): ParameterKind => pointer(`a BITMAPINFOHEADER (${role})`, 'BITMAPINFOHEADER');

const vidc = (name: string, value: number, lParam1: ParameterKind, lParam2: ParameterKind = unused, answer: AnswerKind = 'icerr'): CatalogueMessage => ({
  name,
  value,
  kind: 'vidc',
  lParam1,
  lParam2,
  answer,
});
const acm = (name: string, value: number, lParam1: ParameterKind, lParam2: ParameterKind = unused): CatalogueMessage => ({ name, value, kind: 'acm', lParam1, lParam2, answer: 'mmsyserr' });

const lifecycle = 'Winmm sends it itself as it opens and closes a driver (OpenDriver, CloseDriver); sent alone it would leave the driver in a state its loader never puts it in.';
/** Winmm's own messages, listed so that a technician finds them by name, and learns what sends them. */
const own = (name: string, value: number, why: string, answer: AnswerKind = 'number'): CatalogueMessage => ({ name, value, kind: null, lParam1: unused, lParam2: unused, answer, own: why });

export const messageCatalogue: readonly CatalogueMessage[] = [
  { name: 'DRV_QUERYCONFIGURE', value: DRV_QUERYCONFIGURE, kind: null, lParam1: unused, lParam2: unused, answer: 'number' },
  own('DRV_CONFIGURE', DRV_CONFIGURE, 'DRV_CONFIGURE takes a DRVCONFIGINFO and opens a dialog: use Configure… (drivers-cli configure), which gives it both and reads the answer as DRVCNF_*.', 'drvcnf'),
  own('DRV_INSTALL', DRV_INSTALL, 'DRV_INSTALL takes a DRVCONFIGINFO: use Install… (drivers-cli install), which gives it one and journals what the driver changes.', 'drvcnf'),
  own('DRV_REMOVE', DRV_REMOVE, 'DRV_REMOVE is sent by Remove… (drivers-cli remove) when the last registration of a driver goes.', 'drvcnf'),
  own('DRV_LOAD', DRV_LOAD, lifecycle),
  own('DRV_ENABLE', DRV_ENABLE, lifecycle),
  own('DRV_OPEN', DRV_OPEN, lifecycle),
  own('DRV_CLOSE', DRV_CLOSE, lifecycle),
  own('DRV_DISABLE', DRV_DISABLE, lifecycle),
  own('DRV_FREE', DRV_FREE, lifecycle),
  own('DRV_EXITSESSION', DRV_EXITSESSION, 'Windows sends DRV_EXITSESSION as it shuts down.'),
  own('DRV_POWER', DRV_POWER, 'Windows sends DRV_POWER as the machine sleeps and wakes.'),
  // These three answer a size, not an ICERR_* value.
  vidc('ICM_GETSTATE', ICM_RESERVED_LOW + 0, pointer('a buffer for the codec\'s state'), { kind: 'integer', meaning: 'the buffer\'s size' }, 'number'),
  vidc('ICM_SETSTATE', ICM_RESERVED_LOW + 1, pointer('the codec\'s state'), { kind: 'integer', meaning: 'its size' }),
  vidc('ICM_GETINFO', ICM_RESERVED_LOW + 2, pointer('an ICINFO', 'ICINFO'), { kind: 'integer', meaning: 'its size (the host gives 568)' }, 'number'),
  vidc('ICM_CONFIGURE', ICM_RESERVED_LOW + 10, ownerOrQuery, queryFlag),
  vidc('ICM_ABOUT', ICM_RESERVED_LOW + 11, ownerOrQuery, queryFlag),
  vidc('ICM_GETDEFAULTQUALITY', ICM_RESERVED_LOW + 30, pointer('a DWORD for the quality')),
  vidc('ICM_GETQUALITY', ICM_RESERVED_LOW + 31, pointer('a DWORD for the quality')),
  vidc('ICM_SETQUALITY', ICM_RESERVED_LOW + 32, pointer('a DWORD holding the quality')),
  vidc('ICM_COMPRESS_GET_FORMAT', ICM_USER + 4, pointer('a BITMAPINFO (input)'), pointer('a BITMAPINFO (output)')),
  vidc('ICM_COMPRESS_GET_SIZE', ICM_USER + 5, pointer('a BITMAPINFO (input)'), pointer('a BITMAPINFO (output)'), 'number'),
  vidc('ICM_COMPRESS_QUERY', ICM_USER + 6, frame('input: 24-bit RGB'), frame('output: the FourCC given')),
  vidc('ICM_DECOMPRESS_GET_FORMAT', ICM_USER + 10, pointer('a BITMAPINFO (input)'), pointer('a BITMAPINFO (output)')),
  vidc('ICM_DECOMPRESS_QUERY', ICM_USER + 11, frame('input: the FourCC given'), { kind: 'integer', meaning: 'the output format: 0 (NULL), any' }),
  acm('ACMDM_DRIVER_DETAILS', ACMDM_BASE + 10, pointer('an ACMDRIVERDETAILS', 'ACMDRIVERDETAILS')),
  acm('ACMDM_DRIVER_ABOUT', ACMDM_BASE + 11, ownerOrQuery),
  acm('ACMDM_FORMATTAG_DETAILS', ACMDM_BASE + 25, pointer('an ACMFORMATTAGDETAILS (of the index given)', 'ACMFORMATTAGDETAILS'), {
    kind: 'integer',
    meaning: 'ACM_FORMATTAGDETAILSF_* flags: 0 (INDEX)',
  }),
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

/**
 * Why a message cannot be sent: it takes a pointer to something the host
 * cannot allocate, which the driver would follow. Null when it can be sent
 * (its pointers, if any, are to structures the host fills in).
 */
export function pointerRefusal(message: CatalogueMessage): string | null {
  if (message.own) return `${message.name} cannot be sent from here: ${message.own}`;
  const pointers = [message.lParam1, message.lParam2].flatMap((p, i) => (p.kind === 'pointer' && !p.structure ? [`lParam${i + 1} is a pointer to ${p.to}`] : []));
  if (pointers.length === 0) return null;
  return `${message.name} cannot be sent: ${pointers.join(', and ')}, which the driver would read or write through, and the panel has no such structure to give it; an integer in its place would make it touch memory at random.`;
}

/** The structures the host allocates for `message`, by parameter; empty for a message of integers. */
export function messageStructures(message: CatalogueMessage): Array<{ param: 1 | 2; structure: HostStructure }> {
  return [message.lParam1, message.lParam2].flatMap((p, i) => (p.kind === 'pointer' && p.structure ? [{ param: (i + 1) as 1 | 2, structure: p.structure }] : []));
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

const drvcnfNames: ReadonlyMap<bigint, string> = new Map([
  [0n, 'DRVCNF_CANCEL (cancelled, or refused)'],
  [1n, 'DRVCNF_OK (done)'],
  [2n, 'DRVCNF_RESTART (done; takes effect after Windows restarts)'],
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

/** A video codec's answer by its ICERR_* name (-1 also as a 32-bit LONG zero-extended); null when it has none. */
export function icerrName(raw: bigint): string | null {
  return icerrNames.get(isMinusOne(raw) ? -1n : raw) ?? null;
}

/**
 * An answer in words: "ICERR_OK: yes, done" for 0 from a video codec, where a
 * plain reading of 0 would say no. Null when the catalogue has no reading.
 */
export function answerWords(message: CatalogueMessage, raw: bigint): string | null {
  if (message.answer === 'number') return null;
  if (message.answer === 'drvcnf') return drvcnfNames.get(raw) ?? null;
  const name = (message.answer === 'icerr' ? icerrNames : mmsyserrNames).get(raw);
  const success = raw === 0n ? 'success: yes, or done' : raw < 0n || message.answer === 'mmsyserr' ? 'an error: no, or not done' : 'success, with news';
  return name ? `${name} (${success})` : null;
}

/** A message's name as a driver of `kind` reads it: `ICM_CONFIGURE` to a video codec, `DRV_USER+4106` to a wave driver. */
export function messageNameFor(kind: DriverKind, value: number): string {
  return catalogueMessage(kind, value)?.name ?? messageName(value);
}
