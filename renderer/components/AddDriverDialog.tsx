/**
 * Add driver…: the file comes from main's own open dialog (the page never
 * names a path), is checked from its bytes first, and only then can be added
 * under an alias suggested by its kind, free in the view the file goes into
 * (an x64 DLL: System32 and the 64-bit view; an x86 one: SysWOW64 and the
 * 32-bit view), which the form shows. A different file of the same name in
 * the system folder is replaced only when the person says so.
 */
import {
  Button,
  Dialog,
  DialogActions,
  DialogBody,
  DialogContent,
  DialogSurface,
  DialogTitle,
  Dropdown,
  Field,
  Input,
  MessageBar,
  MessageBarBody,
  Option,
  Spinner,
  Text,
  makeStyles,
  tokens,
} from '@fluentui/react-components';
import { useState } from 'react';
import { addableKinds, suggestAlias, type AddableKind, aliasHint } from '../../app/aliasSuggestion';
import type { Addition, ChosenDriverFile } from '../../app/changes';
import type { DriverFailure } from '../../app/drivers';
import { kindLabels } from '../driverPresentation';
import type { RegistryView } from '../../app/views';
import { additionPlace, alreadyRegistered } from '../additionPlace';

const useStyles = makeStyles({
  form: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalM },
  path: { overflowWrap: 'anywhere' },
});

export interface AddDriverDialogProps {
  /** The file chosen in the open dialog; null closes this one. */
  file: ChosenDriverFile | null;
  /** Aliases already registered, enabled or disabled, by view. */
  taken: Readonly<Record<RegistryView, readonly string[]>>;
  onClose: () => void;
  onAdded: (addition: Addition) => void;
}

export function AddDriverDialog({ file, taken, onClose, onAdded }: AddDriverDialogProps): React.JSX.Element {
  return (
    <Dialog open={file !== null} onOpenChange={(_e, data) => !data.open && onClose()}>
      <DialogSurface aria-describedby={undefined}>
        {/* Keyed by the file, so that a second file starts with a fresh form. */}
        {file && <AddDriverForm key={file.path} file={file} taken={taken} onClose={onClose} onAdded={onAdded} />}
      </DialogSurface>
    </Dialog>
  );
}

function AddDriverForm({ file, taken: takenByView, onClose, onAdded }: AddDriverDialogProps & { file: ChosenDriverFile }): React.JSX.Element {
  const styles = useStyles();
  // Free in the view the file goes into: a 32-bit codec may share its alias with its 64-bit build.
  const taken = file.view === null ? [] : takenByView[file.view];
  const place = additionPlace(file);
  const registered = alreadyRegistered(file);
  const [kind, setKind] = useState<AddableKind>(file.kind);
  const [alias, setAlias] = useState(() => suggestAlias(file.kind, file.name, taken));
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<DriverFailure | null>(null);
  const [cancelled, setCancelled] = useState<string | null>(null);

  const chooseKind = (next: AddableKind): void => {
    setKind(next);
    setAlias(suggestAlias(next, file.name, taken));
  };
  const add = async (replace: boolean): Promise<void> => {
    setBusy(true);
    setFailure(null);
    setCancelled(null);
    const reply = await window.driversPanel.addDriver({ path: file.path, alias: alias.trim(), kind, replace });
    setBusy(false);
    if (!reply.ok) return setFailure(reply.error);
    if (reply.value.added) onAdded(reply.value);
    else setCancelled(reply.value.note);
  };

  return (
    <DialogBody>
      <DialogTitle>Add driver</DialogTitle>
      <DialogContent className={styles.form}>
        <Text className={styles.path}>{file.path}</Text>
        {file.problem ? (
          <MessageBar intent="error" layout="multiline">
            <MessageBarBody>
              {file.name} cannot be added as a driver: {file.problem}.
            </MessageBarBody>
          </MessageBar>
        ) : (
          <>
            <Field label="Kind of driver">
              <Dropdown value={kindLabels[kind]} selectedOptions={[kind]} onOptionSelect={(_e, data) => data.optionValue && chooseKind(data.optionValue as AddableKind)}>
                {addableKinds.map((k) => (
                  <Option key={k} value={k}>
                    {kindLabels[k]}
                  </Option>
                ))}
              </Dropdown>
            </Field>
            <Field label="Alias" hint={aliasHint(kind)}>
              <Input value={alias} onChange={(_e, data) => setAlias(data.value)} />
            </Field>
            {place && (
              <Text className={styles.path} data-testid="addition-place">
                {place}
              </Text>
            )}
            {registered && (
              <MessageBar intent="warning" layout="multiline" data-testid="already-registered">
                <MessageBarBody>{registered}</MessageBarBody>
              </MessageBar>
            )}
            <Text>
              The file is copied into the system folder, registered under this alias, and the driver is told (DRV_INSTALL). If the driver cancels, nothing
              stays behind; otherwise you can undo the addition.
            </Text>
          </>
        )}
        {failure && (
          <MessageBar intent="error" layout="multiline" role="alert">
            <MessageBarBody>{failure.message}</MessageBarBody>
          </MessageBar>
        )}
        {cancelled && (
          <MessageBar intent="warning" layout="multiline" role="alert">
            <MessageBarBody>{cancelled}</MessageBarBody>
          </MessageBar>
        )}
      </DialogContent>
      <DialogActions>
        {busy && <Spinner size="tiny" label="Adding…" />}
        <Button onClick={onClose}>{file.problem ? 'Close' : 'Cancel'}</Button>
        {failure?.code === 'file-conflict' && (
          <Button disabledFocusable={busy} onClick={() => void add(true)}>
            Replace the file
          </Button>
        )}
        {!file.problem && (
          <Button appearance="primary" disabledFocusable={busy || alias.trim() === ''} onClick={() => void add(false)}>
            Add
          </Button>
        )}
      </DialogActions>
    </DialogBody>
  );
}
