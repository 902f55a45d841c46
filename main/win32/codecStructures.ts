/**
 * The structures a codec's loader hands it and the ones a codec fills in,
 * laid out as the SDK headers lay them out for the host's own architecture
 * (koffi aligns for the process it runs in: a 32-bit host gets the 32-bit
 * layouts). vfw.h uses natural alignment; msacm.h and msacmdrv.h are
 * byte-packed throughout ("#pragma pack(1)"), which moves every field after
 * ACMDRIVERDETAILS.hicon by four bytes on x64.
 */
import { koffi } from './win32Types';

type TypeSpec = Parameters<typeof koffi.sizeof>[0];

koffi.alias('FOURCC', 'uint32_t');
koffi.alias('WORD', 'uint16_t');

/** ICVERSION: the VfW version ICOpen tells a codec. */
export const ICVERSION = 0x0104;
/** The ACM version msacm32 tells an ACM codec in ACMDRVOPENDESC (4.00, as Windows NT 4 and later). */
export const ACM_VERSION = 0x04000000;

/**
 * typedef struct { DWORD dwSize; DWORD fccType; DWORD fccHandler; DWORD dwVersion; DWORD dwFlags;
 *                  LRESULT dwError; LPVOID pV1Reserved; LPVOID pV2Reserved; DWORD dnDevNode; } ICOPEN;
 * What ICOpen passes as DRV_OPEN's lParam2: a codec that serves several
 * FourCCs learns from fccHandler which one it is to be.
 */
export const ICOPEN = koffi.struct('ICOPEN', {
  dwSize: 'DWORD',
  fccType: 'FOURCC',
  fccHandler: 'FOURCC',
  dwVersion: 'DWORD',
  dwFlags: 'DWORD',
  dwError: 'LRESULT',
  pV1Reserved: 'void *',
  pV2Reserved: 'void *',
  dnDevNode: 'DWORD',
});

export interface IcOpen {
  dwSize: number;
  fccType: number;
  fccHandler: number;
  dwVersion: number;
  dwFlags: number;
  dwError: number;
  pV1Reserved: null;
  pV2Reserved: null;
  dnDevNode: number;
}

/**
 * typedef struct { DWORD cbStruct; FOURCC fccType; FOURCC fccComp; DWORD dwVersion; DWORD dwFlags;
 *                  DWORD dwError; LPCWSTR pszSectionName; LPCWSTR pszAliasName; DWORD dnDevNode; } ACMDRVOPENDESCW;
 * What msacm32 passes as DRV_OPEN's lParam2. An ACM codec opened without it
 * takes the open as one for DRV_CONFIGURE only, and some then fault on any
 * ACMDM_* message.
 */
export const ACMDRVOPENDESCW = koffi.pack('ACMDRVOPENDESCW', {
  cbStruct: 'DWORD',
  fccType: 'FOURCC',
  fccComp: 'FOURCC',
  dwVersion: 'DWORD',
  dwFlags: 'DWORD',
  dwError: 'DWORD',
  pszSectionName: 'LPCWSTR',
  pszAliasName: 'LPCWSTR',
  dnDevNode: 'DWORD',
});

export interface AcmDrvOpenDesc {
  cbStruct: number;
  fccType: number;
  fccComp: number;
  dwVersion: number;
  dwFlags: number;
  dwError: number;
  pszSectionName: string;
  pszAliasName: string;
  dnDevNode: number;
}

/**
 * typedef struct { DWORD dwSize; DWORD fccType; DWORD fccHandler; DWORD dwFlags; DWORD dwVersion;
 *                  DWORD dwVersionICM; WCHAR szName[16]; WCHAR szDescription[128]; WCHAR szDriver[128]; } ICINFO;
 */
export const ICINFO = koffi.struct('ICINFO', {
  dwSize: 'DWORD',
  fccType: 'FOURCC',
  fccHandler: 'FOURCC',
  dwFlags: 'DWORD',
  dwVersion: 'DWORD',
  dwVersionICM: 'DWORD',
  szName: koffi.array('char16_t', 16),
  szDescription: koffi.array('char16_t', 128),
  szDriver: koffi.array('char16_t', 128),
});

export interface IcInfo {
  dwSize: number;
  fccType: number;
  fccHandler: number;
  dwFlags: number;
  dwVersion: number;
  dwVersionICM: number;
  szName: string;
  szDescription: string;
  szDriver: string;
}

/**
 * typedef struct { DWORD cbStruct; FOURCC fccType; FOURCC fccComp; WORD wMid; WORD wPid; DWORD vdwACM;
 *                  DWORD vdwDriver; DWORD fdwSupport; DWORD cFormatTags; DWORD cFilterTags; HICON hicon;
 *                  WCHAR szShortName[32]; WCHAR szLongName[128]; WCHAR szCopyright[80];
 *                  WCHAR szLicensing[128]; WCHAR szFeatures[512]; } ACMDRIVERDETAILSW;
 */
export const ACMDRIVERDETAILSW = koffi.pack('ACMDRIVERDETAILSW', {
  cbStruct: 'DWORD',
  fccType: 'FOURCC',
  fccComp: 'FOURCC',
  wMid: 'WORD',
  wPid: 'WORD',
  vdwACM: 'DWORD',
  vdwDriver: 'DWORD',
  fdwSupport: 'DWORD',
  cFormatTags: 'DWORD',
  cFilterTags: 'DWORD',
  hicon: 'void *',
  szShortName: koffi.array('char16_t', 32),
  szLongName: koffi.array('char16_t', 128),
  szCopyright: koffi.array('char16_t', 80),
  szLicensing: koffi.array('char16_t', 128),
  szFeatures: koffi.array('char16_t', 512),
});

export interface AcmDriverDetails {
  cbStruct: number;
  fccType: number;
  fccComp: number;
  wMid: number;
  wPid: number;
  vdwACM: number;
  vdwDriver: number;
  fdwSupport: number;
  cFormatTags: number;
  cFilterTags: number;
  szShortName: string;
  szLongName: string;
  szCopyright: string;
  szLicensing: string;
  szFeatures: string;
}

/**
 * typedef struct { DWORD cbStruct; DWORD dwFormatTagIndex; DWORD dwFormatTag; DWORD cbFormatSize;
 *                  DWORD fdwSupport; DWORD cStandardFormats; WCHAR szFormatTag[48]; } ACMFORMATTAGDETAILSW;
 */
export const ACMFORMATTAGDETAILSW = koffi.pack('ACMFORMATTAGDETAILSW', {
  cbStruct: 'DWORD',
  dwFormatTagIndex: 'DWORD',
  dwFormatTag: 'DWORD',
  cbFormatSize: 'DWORD',
  fdwSupport: 'DWORD',
  cStandardFormats: 'DWORD',
  szFormatTag: koffi.array('char16_t', 48),
});

export interface AcmFormatTagDetails {
  cbStruct: number;
  dwFormatTagIndex: number;
  dwFormatTag: number;
  szFormatTag: string;
}

/**
 * typedef struct { DWORD biSize; LONG biWidth; LONG biHeight; WORD biPlanes; WORD biBitCount;
 *                  DWORD biCompression; DWORD biSizeImage; LONG biXPelsPerMeter; LONG biYPelsPerMeter;
 *                  DWORD biClrUsed; DWORD biClrImportant; } BITMAPINFOHEADER;
 */
export const BITMAPINFOHEADER = koffi.struct('BITMAPINFOHEADER', {
  biSize: 'DWORD',
  biWidth: 'LONG',
  biHeight: 'LONG',
  biPlanes: 'WORD',
  biBitCount: 'WORD',
  biCompression: 'DWORD',
  biSizeImage: 'DWORD',
  biXPelsPerMeter: 'LONG',
  biYPelsPerMeter: 'LONG',
  biClrUsed: 'DWORD',
  biClrImportant: 'DWORD',
});

export interface BitmapInfoHeader {
  biSize: number;
  biWidth: number;
  biHeight: number;
  biPlanes: number;
  biBitCount: number;
  biCompression: number;
  biSizeImage: number;
  biXPelsPerMeter: number;
  biYPelsPerMeter: number;
  biClrUsed: number;
  biClrImportant: number;
}

/**
 * A buffer for a structure a codec fills, its size field set. Codecs write
 * the whole structure as they were compiled, whatever size they were told
 * (Wine's own ACM codecs do), so the buffer is larger than the structure:
 * a codec built with another layout writes into spare bytes, not into the
 * host's memory.
 */
export function structureBuffer(type: TypeSpec, sizeField: number = koffi.sizeof(type)): Buffer {
  const buffer = Buffer.alloc(Math.max(4096, koffi.sizeof(type) * 2));
  buffer.writeUInt32LE(sizeField, 0);
  return buffer;
}

/** What a codec wrote into `buffer`, read as `type`; the caller names the interface it declared for it. */
export function decodeStructure(buffer: Buffer, type: TypeSpec): unknown {
  return koffi.decode(buffer, type);
}
