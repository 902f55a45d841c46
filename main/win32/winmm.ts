/** winmm.dll: the installable-driver API (mmiscapi.h). */
import { koffi, type Handle } from './win32Types';
import type { AcmDrvOpenDesc, BitmapInfoHeader, IcOpen } from './codecStructures';
// Registers the structures' names with koffi before the prototypes below use them.
import './codecStructures';

const winmm = koffi.load('winmm.dll');

/**
 * typedef struct DRVCONFIGINFO { DWORD dwDCISize; LPCWSTR lpszDCISectionName;
 *                                LPCWSTR lpszDCIAliasName; } DRVCONFIGINFO;
 * mmsystem.h declares it under pshpack1.h: on x64 it is 20 bytes with the
 * pointers at offsets 4 and 12. A naturally aligned copy crashes real drivers.
 */
export const DRVCONFIGINFO = koffi.pack('DRVCONFIGINFO', {
  dwDCISize: 'DWORD',
  lpszDCISectionName: 'LPCWSTR',
  lpszDCIAliasName: 'LPCWSTR',
});
export const DRVCONFIGINFO_SIZE = koffi.sizeof(DRVCONFIGINFO);

export interface DrvConfigInfo {
  dwDCISize: number;
  lpszDCISectionName: string;
  lpszDCIAliasName: string;
}

/** HDRVR OpenDriver(LPCWSTR szDriverName, LPCWSTR szSectionName, LPARAM lParam2); */
export const OpenDriver = winmm.func(
  'HDRVR __stdcall OpenDriver(LPCWSTR szDriverName, LPCWSTR szSectionName, LPARAM lParam2)',
) as (driverName: string, sectionName: string | null, lParam2: bigint) => Handle | null;

/** LRESULT SendDriverMessage(HDRVR hDriver, UINT message, LPARAM lParam1, LPARAM lParam2); */
export const SendDriverMessage = winmm.func(
  'LRESULT __stdcall SendDriverMessage(HDRVR hDriver, UINT message, LPARAM lParam1, LPARAM lParam2)',
) as (driver: Handle, message: number, lParam1: bigint, lParam2: bigint) => number | bigint;

/**
 * The same entry point for DRV_CONFIGURE and DRV_INSTALL, whose lParam2 is a
 * DRVCONFIGINFO*: koffi marshals the structure and its strings for the call.
 */
export const SendDriverMessageWithConfig = winmm.func(
  'LRESULT __stdcall SendDriverMessage(HDRVR hDriver, UINT message, LPARAM lParam1, _In_ DRVCONFIGINFO *lParam2)',
) as (driver: Handle, message: number, lParam1: bigint, config: DrvConfigInfo) => number | bigint;

/** LRESULT CloseDriver(HDRVR hDriver, LPARAM lParam1, LPARAM lParam2); */
export const CloseDriver = winmm.func(
  'LRESULT __stdcall CloseDriver(HDRVR hDriver, LPARAM lParam1, LPARAM lParam2)',
) as (driver: Handle, lParam1: bigint, lParam2: bigint) => number | bigint;

/** HMODULE GetDriverModuleHandle(HDRVR hDriver); */
export const GetDriverModuleHandle = winmm.func(
  'HMODULE __stdcall GetDriverModuleHandle(HDRVR hDriver)',
) as (driver: Handle) => Handle | null;

/**
 * OpenDriver as ICOpen calls it for a video codec: lParam2 an ICOPEN, which
 * DRV_OPEN receives and may fill in (dwError).
 */
export const OpenDriverWithIcOpen = winmm.func(
  'HDRVR __stdcall OpenDriver(LPCWSTR szDriverName, LPCWSTR szSectionName, _Inout_ ICOPEN *lParam2)',
) as (driverName: string, sectionName: string, open: IcOpen) => Handle | null;

/** OpenDriver as msacm32 calls it for an audio codec: lParam2 an ACMDRVOPENDESCW. */
export const OpenDriverWithAcmOpen = winmm.func(
  'HDRVR __stdcall OpenDriver(LPCWSTR szDriverName, LPCWSTR szSectionName, _Inout_ ACMDRVOPENDESCW *lParam2)',
) as (driverName: string, sectionName: string, open: AcmDrvOpenDesc) => Handle | null;

/**
 * SendDriverMessage with lParam1 pointing at a structure the driver fills
 * (ICINFO, ACMDRIVERDETAILSW, ACMFORMATTAGDETAILSW): the buffer is passed as
 * it is, so whatever the driver writes lands in it.
 */
export const SendDriverMessageWithBuffer = winmm.func(
  'LRESULT __stdcall SendDriverMessage(HDRVR hDriver, UINT message, void *lParam1, LPARAM lParam2)',
) as (driver: Handle, message: number, buffer: Buffer, lParam2: bigint) => number | bigint;

/** SendDriverMessage with two BITMAPINFOHEADER pointers (ICM_COMPRESS_QUERY, ICM_DECOMPRESS_QUERY); the second may be null. */
export const SendDriverMessageWithBitmaps = winmm.func(
  'LRESULT __stdcall SendDriverMessage(HDRVR hDriver, UINT message, _In_ BITMAPINFOHEADER *lParam1, _In_ BITMAPINFOHEADER *lParam2)',
) as (driver: Handle, message: number, input: BitmapInfoHeader, output: BitmapInfoHeader | null) => number | bigint;
