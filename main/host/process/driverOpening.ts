/** OpenDriver as the loader of the driver's kind calls it (hostProtocol.ts, HostOpening). */
import { fourccValue } from '../../../app/codecWords';
import { ACMDRVOPENDESCW, ACM_VERSION, ICOPEN, ICVERSION } from '../../win32/codecStructures';
import type { Handle } from '../../win32/win32Types';
import { OpenDriver, OpenDriverWithAcmOpen, OpenDriverWithIcOpen } from '../../win32/winmm';
import { koffi } from '../../win32/win32Types';
import { DRIVERS_SECTION, type HostOpening } from '../hostProtocol';

const ICOPEN_SIZE = koffi.sizeof(ICOPEN);
const ACMDRVOPENDESC_SIZE = koffi.sizeof(ACMDRVOPENDESCW);

export function openDriver(alias: string, opening: HostOpening): Handle | null {
  switch (opening.kind) {
    case 'plain':
      return OpenDriver(alias, DRIVERS_SECTION, 0n);
    case 'video-codec':
      return OpenDriverWithIcOpen(alias, DRIVERS_SECTION, {
        dwSize: ICOPEN_SIZE,
        fccType: fourccValue('vidc'),
        fccHandler: fourccValue(opening.handler),
        dwVersion: ICVERSION,
        dwFlags: opening.mode,
        dwError: 0,
        pV1Reserved: null,
        pV2Reserved: null,
        dnDevNode: 0,
      });
    case 'audio-codec':
      return OpenDriverWithAcmOpen(alias, DRIVERS_SECTION, {
        cbStruct: ACMDRVOPENDESC_SIZE,
        fccType: fourccValue('audc'),
        fccComp: 0,
        dwVersion: ACM_VERSION,
        dwFlags: 0,
        dwError: 0,
        pszSectionName: DRIVERS_SECTION,
        pszAliasName: alias,
        dnDevNode: 0,
      });
  }
}
