/** A question before something that cannot be taken back: what will happen, Cancel, and the action named again. */
import { Button, Dialog, DialogActions, DialogBody, DialogContent, DialogSurface, DialogTitle, DialogTrigger } from '@fluentui/react-components';
import type { ReactElement, ReactNode } from 'react';

export interface ConfirmDialogProps {
  /** The button that opens the question. */
  trigger: ReactElement;
  title: string;
  children: ReactNode;
  confirm: string;
  onConfirm: () => void;
}

export function ConfirmDialog({ trigger, title, children, confirm, onConfirm }: ConfirmDialogProps): React.JSX.Element {
  return (
    <Dialog>
      <DialogTrigger disableButtonEnhancement>{trigger}</DialogTrigger>
      <DialogSurface>
        <DialogBody>
          <DialogTitle>{title}</DialogTitle>
          <DialogContent>{children}</DialogContent>
          <DialogActions>
            <DialogTrigger disableButtonEnhancement>
              <Button appearance="secondary">Cancel</Button>
            </DialogTrigger>
            <DialogTrigger disableButtonEnhancement>
              <Button appearance="primary" onClick={onConfirm}>
                {confirm}
              </Button>
            </DialogTrigger>
          </DialogActions>
        </DialogBody>
      </DialogSurface>
    </Dialog>
  );
}
