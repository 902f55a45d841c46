/** History…: the changes made to the registrations on this computer, with Undo for those still in effect. */
import { Button } from '@fluentui/react-components';
import { HistoryRegular } from '@fluentui/react-icons';
import { Suspense, lazy, useState } from 'react';
import type { ChangeRecord } from '../../app/changes';
import type { DriverFailure } from '../../app/drivers';

// The dialog's table is loaded when it is opened, not with the panel.
const ChangeHistoryDialog = lazy(async () => ({ default: (await import('./ChangeHistoryDialog')).ChangeHistoryDialog }));

export function ChangeHistoryButton({ onUndo }: { onUndo: (change: ChangeRecord) => Promise<DriverFailure | null> }): React.JSX.Element {
  const [open, setOpen] = useState(false);
  return (
    <>
      <Button icon={<HistoryRegular />} onClick={() => setOpen(true)}>
        History…
      </Button>
      {open && (
        <Suspense fallback={null}>
          <ChangeHistoryDialog onUndo={onUndo} onClose={() => setOpen(false)} />
        </Suspense>
      )}
    </>
  );
}
