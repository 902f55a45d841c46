/**
 * What the driver service did, one line each: every call into a driver and
 * every change of the state that outlives it (quarantine, restart requirement).
 * The CLI's --verbose prints these lines and the app's log file keeps them.
 * They name drivers by alias and never carry paths, user or machine names;
 * every value is escaped (printableText.ts), so that none can forge a line.
 */
import type { DriverAction } from '../../app/drivers';
import { printed } from '../../app/printableText';

export interface DriverCallRecord {
  alias: string;
  message: number;
  messageName: string;
  lParam1: string;
  lParam2: string;
  result: string;
  durationMs: number;
}

export type Activity =
  | { kind: 'call'; call: DriverCallRecord }
  | { kind: 'quarantined'; alias: string; why: string }
  | { kind: 'quarantine-lifted'; alias: string; why: 'retry' | 'file-changed' }
  | { kind: 'restart-required'; alias: string; action: DriverAction }
  | { kind: 'restart-done'; alias: string; action: DriverAction }
  /** A place registrations are read from changed, by another program or by the panel itself: the list is read again. */
  | { kind: 'changed-elsewhere'; place: string }
  /** A line a driver wrote on the host's stdout or stderr (alias null: the host's own, between calls). */
  | { kind: 'driver-output'; alias: string | null; text: string };

const liftedBecause = { retry: 'tried again on request', 'file-changed': 'its file changed' } as const;

export function formatActivity(activity: Activity): string {
  switch (activity.kind) {
    case 'call': {
      const { call } = activity;
      return printed`[driver] ${call.alias} ${call.messageName}(${call.lParam1}, ${call.lParam2}) -> ${call.result} in ${call.durationMs.toFixed(1)} ms`;
    }
    case 'quarantined':
      return printed`[state] ${activity.alias}: ${activity.why}`;
    case 'quarantine-lifted':
      return printed`[state] ${activity.alias} out of quarantine: ${liftedBecause[activity.why]}`;
    case 'restart-required':
      return printed`[state] ${activity.alias} ${activity.action} needs a restart of Windows`;
    case 'restart-done':
      return printed`[state] ${activity.alias} ${activity.action}: Windows has restarted since, nothing is pending`;
    case 'changed-elsewhere':
      return printed`[watch] ${activity.place} changed: the list is read again`;
    case 'driver-output':
      // "driver host" has a space, so no alias the panel opens can pass for it.
      return printed`[output] ${activity.alias ?? 'driver host'}: ${activity.text}`;
  }
}
