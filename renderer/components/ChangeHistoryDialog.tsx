/**
 * Every change the panel and drivers-cli made on this computer, newest first,
 * read from the machine's change journal: so a change of an earlier session,
 * or one made from the command line, can still be undone here. Undo puts back
 * the exact values the change replaced, and refuses when they changed since.
 */
import {
  Button,
  Dialog,
  DialogActions,
  DialogBody,
  DialogContent,
  DialogSurface,
  DialogTitle,
  DialogTrigger,
  MessageBar,
  MessageBarBody,
  Spinner,
  Table,
  TableBody,
  TableCell,
  TableHeader,
  TableHeaderCell,
  TableRow,
  Text,
  makeStyles,
  tokens,
} from '@fluentui/react-components';
import { useCallback, useEffect, useState } from 'react';
import type { ChangeRecord } from '../../app/changes';
import type { DriverFailure } from '../../app/drivers';
import { AdminGate } from './AdminGate';

const useStyles = makeStyles({
  surface: { maxWidth: '760px', width: '90vw' },
  content: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalS },
  list: { maxHeight: '50vh', overflowY: 'auto' },
  when: { width: '170px' },
  state: { width: '150px' },
});

export interface ChangeHistoryDialogProps {
  onUndo: (change: ChangeRecord) => Promise<DriverFailure | null>;
  onClose: () => void;
}

const when = (at: string): string => new Date(at).toLocaleString();

export function ChangeHistoryDialog({ onUndo, onClose }: ChangeHistoryDialogProps): React.JSX.Element {
  const styles = useStyles();
  const [changes, setChanges] = useState<ChangeRecord[] | null>(null);
  const [failure, setFailure] = useState<string | null>(null);
  const [undoing, setUndoing] = useState(false);

  const load = useCallback(async () => {
    const reply = await window.driversPanel.changeHistory({});
    if (reply.ok) setChanges(reply.value);
    else setFailure(reply.error.message);
  }, []);
  useEffect(() => void load(), [load]);

  const undo = async (change: ChangeRecord): Promise<void> => {
    setUndoing(true);
    setFailure(null);
    const failed = await onUndo(change);
    if (failed) setFailure(failed.message);
    await load();
    setUndoing(false);
  };

  return (
    <Dialog open onOpenChange={(_e, data) => data.open || onClose()}>
      <DialogSurface className={styles.surface}>
        <DialogBody>
          <DialogTitle>Changes to the drivers</DialogTitle>
          <DialogContent className={styles.content}>
            <Text>Made on this computer with the panel or drivers-cli, newest first.</Text>
            {failure && (
              <MessageBar intent="error" layout="multiline" role="alert">
                <MessageBarBody>{failure}</MessageBarBody>
              </MessageBar>
            )}
            {changes === null ? (
              failure === null && <Spinner size="small" label="Reading the change journal…" />
            ) : changes.length === 0 ? (
              <Text>No change has been made yet.</Text>
            ) : (
              <div className={styles.list}>
                <Table size="small" aria-label="Changes, newest first">
                  <TableHeader>
                    <TableRow>
                      <TableHeaderCell className={styles.when}>When</TableHeaderCell>
                      <TableHeaderCell>Change</TableHeaderCell>
                      <TableHeaderCell className={styles.state}>State</TableHeaderCell>
                    </TableRow>
                  </TableHeader>
                  <TableBody>
                    {changes.map((change) => (
                      <TableRow key={change.id} data-change={change.id}>
                        <TableCell>{when(change.at)}</TableCell>
                        <TableCell>{change.summary}</TableCell>
                        <TableCell>
                          {change.undoneAt ? (
                            `Undone ${when(change.undoneAt)}`
                          ) : (
                            <AdminGate request="undoChange" label="Undo" disabled={undoing}>
                              <Button size="small" disabledFocusable={undoing} onClick={() => void undo(change)}>
                                Undo
                              </Button>
                            </AdminGate>
                          )}
                        </TableCell>
                      </TableRow>
                    ))}
                  </TableBody>
                </Table>
              </div>
            )}
          </DialogContent>
          <DialogActions>
            <DialogTrigger disableButtonEnhancement>
              <Button appearance="primary">Close</Button>
            </DialogTrigger>
          </DialogActions>
        </DialogBody>
      </DialogSurface>
    </Dialog>
  );
}
