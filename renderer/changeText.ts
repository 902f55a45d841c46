/** What the change banner says: the change, and what the driver answered, each once. */
import type { ChangeRecord } from '../app/changes';

/**
 * A removal's and an addition's note already say the change (the CLI prints
 * the note alone); only a note without it is put after the change's summary.
 */
export function changeText(change: Pick<ChangeRecord, 'summary'>, note: string | null): string {
  if (!note) return `${change.summary}.`;
  return note.includes(change.summary) ? note : `${change.summary}. ${note}`;
}
