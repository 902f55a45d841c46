/**
 * A driver's status in words, the same in the panel, the CLI's table and the
 * HTML report (the JSON and CSV keep the codes, for programs). Without zod:
 * the page's script shows them.
 */
import type { DriverStatus } from './drivers';

export const statusLabels: Record<DriverStatus, string> = {
  ok: 'OK',
  disabled: 'Disabled',
  'unreadable-value': 'Unreadable registration',
  'missing-file': 'File missing',
  'open-failed': 'Failed to open',
  quarantined: 'Quarantined',
};
