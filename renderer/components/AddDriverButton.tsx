/** Add driver…: main's open dialog first, then the form (AddDriverDialog); needs administrator rights. */
import { Button } from '@fluentui/react-components';
import { AddRegular } from '@fluentui/react-icons';
import { Suspense, lazy, useState } from 'react';
import type { Addition, ChosenDriverFile } from '../../app/changes';
import type { RegistryView } from '../../app/views';
import type { PanelMessage } from '../usePanelNotices';
import { AdminGate } from './AdminGate';

export interface AddDriverButtonProps {
  /** Aliases already registered, enabled or disabled, by view. */
  taken: Readonly<Record<RegistryView, readonly string[]>>;
  onAdded: (addition: Addition) => void;
  inform: (message: PanelMessage) => void;
}

// Its form (a combobox, fields) is loaded when a file has been chosen, not with the panel.
const AddDriverDialog = lazy(async () => ({ default: (await import('./AddDriverDialog')).AddDriverDialog }));

export function AddDriverButton({ taken, onAdded, inform }: AddDriverButtonProps): React.JSX.Element {
  const [file, setFile] = useState<ChosenDriverFile | null>(null);
  const [choosing, setChoosing] = useState(false);
  const choose = async (): Promise<void> => {
    setChoosing(true);
    const reply = await window.driversPanel.chooseDriverFile({});
    setChoosing(false);
    if (reply.ok) setFile(reply.value.file);
    else inform({ intent: 'error', text: reply.error.message });
  };
  return (
    <>
      <AdminGate request="addDriver" label="Add driver…">
        <Button icon={<AddRegular />} disabledFocusable={choosing} onClick={() => void choose()}>
          Add driver…
        </Button>
      </AdminGate>
      {file && (
        <Suspense fallback={null}>
          <AddDriverDialog
            file={file}
            taken={taken}
            onClose={() => setFile(null)}
            onAdded={(addition) => {
              setFile(null);
              onAdded(addition);
            }}
          />
        </Suspense>
      )}
    </>
  );
}
