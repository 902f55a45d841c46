/** Copy details and Ctrl+C: the driver's report row as text, on the clipboard, and what to tell the person. */
import type { DriverEntry, RestartRequirement } from '../app/drivers';
import { detailsText } from '../app/supportReport';
import type { PanelMessage } from './usePanelNotices';
import { errorText } from '../app/errorText';

export async function copyDriverDetails(driver: DriverEntry, restarts: readonly RestartRequirement[]): Promise<PanelMessage> {
  try {
    await navigator.clipboard.writeText(detailsText(driver, restarts));
    return { intent: 'success', text: `The details of ${driver.alias} are on the clipboard.` };
  } catch (error) {
    return { intent: 'error', text: `The details could not be copied: ${errorText(error)}` };
  }
}
