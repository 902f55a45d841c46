/**
 * Asks an open codec who it is, as a video program's or msacm32's codec list
 * asks: ICM_GETINFO and ICM_CONFIGURE's query for a video codec,
 * ACMDM_DRIVER_DETAILS and each ACMDM_FORMATTAG_DETAILS for an audio codec.
 * Never ICM_ABOUT's or ACMDM_DRIVER_ABOUT's query: some codecs (Xvid, LAME)
 * show their About box in answer to the query itself.
 */
import type { AudioCodecDetails, CodecIdentity, FormatTag, VideoCodecInfo } from '../../../app/codecIdentity';
import { fourccText } from '../../../app/codecWords';
import { messageValue } from '../../../app/messageCatalogue';
import {
  ACMDRIVERDETAILSW,
  ACMFORMATTAGDETAILSW,
  ICINFO,
  decodeStructure,
  structureBuffer,
  type AcmDriverDetails,
  type AcmFormatTagDetails,
  type IcInfo,
} from '../../win32/codecStructures';
import { koffi, type Handle } from '../../win32/win32Types';
import { SendDriverMessage, SendDriverMessageWithBuffer } from '../../win32/winmm';
import { filledBuffer } from './filledStructures';

/** Says which message the host is about to send, for the stage board. */
export type EnterMessage = (message: number) => void;

/** A codec claiming more format tags than this is asked for these only: each answer costs a call. */
export const MAX_FORMAT_TAGS = 64;
const ICMF_CONFIGURE_QUERY = 1n;
const ACM_FORMATTAGDETAILSF_INDEX = 0n;

function succeeded(raw: number | bigint): boolean {
  return BigInt(raw) === 0n;
}

function videoInfo(driver: Handle, enter: EnterMessage): VideoCodecInfo | null {
  const message = messageValue('ICM_GETINFO');
  const buffer = structureBuffer(ICINFO);
  enter(message);
  const copied = BigInt(SendDriverMessageWithBuffer(driver, message, buffer, BigInt(koffi.sizeof(ICINFO))));
  // The answer is the size copied: 0 (or an error) says the codec gave nothing.
  if (copied <= 0n || copied > BigInt(buffer.length)) return null;
  const info = decodeStructure(buffer, ICINFO) as IcInfo;
  return {
    name: info.szName,
    description: info.szDescription,
    type: fourccText(info.fccType),
    fourcc: fourccText(info.fccHandler),
    flags: info.dwFlags,
    version: info.dwVersion,
  };
}

function hasSettings(driver: Handle, enter: EnterMessage): boolean {
  const message = messageValue('ICM_CONFIGURE');
  enter(message);
  const raw = SendDriverMessage(driver, message, -1n, ICMF_CONFIGURE_QUERY);
  return succeeded(raw);
}

function audioDetails(driver: Handle, enter: EnterMessage): AudioCodecDetails | null {
  const message = messageValue('ACMDM_DRIVER_DETAILS');
  const buffer = structureBuffer(ACMDRIVERDETAILSW);
  enter(message);
  if (!succeeded(SendDriverMessageWithBuffer(driver, message, buffer, 0n))) return null;
  const details = decodeStructure(buffer, ACMDRIVERDETAILSW) as AcmDriverDetails;
  return {
    shortName: details.szShortName,
    longName: details.szLongName,
    copyright: details.szCopyright,
    licensing: details.szLicensing,
    features: details.szFeatures,
    support: details.fdwSupport,
    formatTagCount: details.cFormatTags,
    version: details.vdwDriver,
  };
}

function formatTags(driver: Handle, count: number, enter: EnterMessage): FormatTag[] {
  const message = messageValue('ACMDM_FORMATTAG_DETAILS');
  const tags: FormatTag[] = [];
  for (let index = 0; index < Math.min(count, MAX_FORMAT_TAGS); index++) {
    const buffer = filledBuffer({ kind: 'structure', structure: 'ACMFORMATTAGDETAILS', index });
    enter(message);
    if (!succeeded(SendDriverMessageWithBuffer(driver, message, buffer, ACM_FORMATTAGDETAILSF_INDEX))) continue;
    const tag = decodeStructure(buffer, ACMFORMATTAGDETAILSW) as AcmFormatTagDetails;
    tags.push({ tag: tag.dwFormatTag, name: tag.szFormatTag });
  }
  return tags;
}

export function readIdentity(driver: Handle, kind: 'video-codec' | 'audio-codec', enter: EnterMessage): CodecIdentity {
  if (kind === 'video-codec') return { kind: 'vidc', info: videoInfo(driver, enter), settings: hasSettings(driver, enter) };
  const details = audioDetails(driver, enter);
  return { kind: 'acm', details, formatTags: details ? formatTags(driver, details.formatTagCount, enter) : [] };
}
