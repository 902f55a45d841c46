/** What a codec said of itself, as the details pane and the list show it: pure, so it is unit-tested. */
import { acmVersionText, audioSupportWords, formatTagText, videoCapabilityWords } from '../app/codecWords';
import type { DriverEntry } from '../app/drivers';

/** The details pane's rows of what the codec said of itself; none for a driver that is not a codec. */
export function codecFields(driver: DriverEntry): Array<[string, string]> {
  if (driver.kind !== 'vidc' && driver.kind !== 'acm') return [];
  const identity = driver.probe?.identity;
  if (!identity) {
    const why = driver.pending ? 'Checking…' : driver.probe ? 'Not asked (probed by an earlier version)' : 'Not asked: the codec was not opened';
    return [['Codec', why]];
  }
  if (identity.kind === 'vidc') {
    const { info } = identity;
    const settings = identity.settings ? 'Its own settings dialog (ICM_CONFIGURE): Codec settings…' : 'None (ICM_CONFIGURE)';
    if (!info) return [['Codec', 'Did not answer ICM_GETINFO'], ['Codec settings', settings]];
    return [
      ['Codec name', `${info.description || '—'} (ICM_GETINFO)`],
      ['Short name', info.name || '—'],
      ['FourCC', info.fourcc],
      ['Capabilities', videoCapabilityWords(info.flags).join(', ') || 'None stated'],
      ['Codec settings', settings],
    ];
  }
  const { details, formatTags } = identity;
  if (!details) return [['Codec', 'Did not answer ACMDM_DRIVER_DETAILS']];
  return [
    ['Codec name', `${details.longName || '—'} (ACMDM_DRIVER_DETAILS)`],
    ['Short name', details.shortName || '—'],
    ['Format tags', formatTags.map(formatTagText).join('; ') || 'None'],
    ['Supports', audioSupportWords(details.support).join(', ') || 'None stated'],
    ['Codec version', acmVersionText(details.version)],
    ['Copyright', details.copyright || '—'],
    ['Licensing', details.licensing || '—'],
    ['Features', details.features || '—'],
  ];
}

/** Whether the codec has a settings dialog of its own, behind ICM_CONFIGURE (Codec settings…). */
export function hasCodecSettings(driver: DriverEntry): boolean {
  return driver.probe?.identity?.kind === 'vidc' && driver.probe.identity.settings;
}
