/**
 * Where driver registrations live, and where disabled ones are kept. Winmm
 * reads only the values of the Drivers32 key and the lines of system.ini's
 * [drivers32] section, so a value moved into a subkey, or a line moved into
 * another section, is kept exactly but no longer loaded. Sysinternals
 * Autoruns keeps the values it disables in Drivers32\AutorunsDisabled; the
 * panel keeps its own in a sibling subkey, so that each tool enables only what
 * it knows, and lists (and enables) both.
 */
import type { Disabler } from '../../app/drivers';

export const DRIVERS32_KEY = 'SOFTWARE\\Microsoft\\Windows NT\\CurrentVersion\\Drivers32';
export const DRIVERS32_SECTION = 'drivers32';
/** Where installers describe a driver, under its file name: what Windows' own codec lists show. */
export const DRIVERS_DESC_KEY = 'SOFTWARE\\Microsoft\\Windows NT\\CurrentVersion\\drivers.desc';
/**
 * Where a codec's .inf describes it by alias (`…\icm\vidc.XVID`, `…\acm\msacm.lameacm`),
 * with Description and FriendlyName values. The SYSTEM hive has one view.
 */
export const mediaResourceKeys = {
  vidc: 'SYSTEM\\CurrentControlSet\\Control\\MediaResources\\icm',
  acm: 'SYSTEM\\CurrentControlSet\\Control\\MediaResources\\acm',
} as const;
export const SYSTEM_INI = 'system.ini';

/** The subkey of Drivers32 that holds the values each tool disabled. */
export const disabledKeys: Record<Disabler, string> = {
  panel: `${DRIVERS32_KEY}\\DriversPanelDisabled`,
  autoruns: `${DRIVERS32_KEY}\\AutorunsDisabled`,
};

/** The system.ini section that holds the [drivers32] lines the panel disabled; Autoruns does not disable lines of system.ini. */
export const disabledSections: Record<Disabler, string | null> = {
  panel: 'drivers32.DriversPanelDisabled',
  autoruns: null,
};

export function keyFor(disabledBy: Disabler | null): string {
  return disabledBy ? disabledKeys[disabledBy] : DRIVERS32_KEY;
}

export function sectionFor(disabledBy: Disabler | null): string | null {
  return disabledBy ? disabledSections[disabledBy] : DRIVERS32_SECTION;
}

/** Where a tool keeps what it disabled, in words. */
export function describeDisabledPlace(disabledBy: Disabler): string {
  const section = disabledSections[disabledBy];
  return `Drivers32\\${disabledBy === 'panel' ? 'DriversPanelDisabled' : 'AutorunsDisabled'}${section ? ` (system.ini: [${section}])` : ''}`;
}

const toolNames: Record<Disabler, string> = { panel: 'this panel', autoruns: 'Sysinternals Autoruns' };

export function describeDisabled(disabledBy: Disabler): string {
  return `Disabled by ${toolNames[disabledBy]}: the registration is kept in ${describeDisabledPlace(disabledBy)}, where applications do not look, so no program loads this driver. Enable it to use it again.`;
}
