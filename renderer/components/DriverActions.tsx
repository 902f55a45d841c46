/**
 * Configure… exists only for a driver whose DRV_QUERYCONFIGURE answered nonzero.
 * It comes last, so that Install… and Remove… never move when a probe's answer
 * arrives under the pointer. Install and Remove ask first, saying what will
 * happen. While a call runs the buttons stay focusable (disabledFocusable), so
 * keyboard focus stays where it was. While a driver keeps a person waiting (a
 * dialog that never comes back), Stop waiting ends its host.
 */
import { Button, Spinner, makeStyles, tokens } from '@fluentui/react-components';
import { useEffect, useState } from 'react';
import type { DriverEntry } from '../../app/drivers';
import type { PanelAction } from '../useDriverPanel';
import { AdminGate } from './AdminGate';
import { ConfirmDialog } from './ConfirmDialog';

const useStyles = makeStyles({
  actions: { display: 'flex', gap: tokens.spacingHorizontalS, alignItems: 'center', flexWrap: 'wrap' },
});

const confirmations = {
  install: {
    title: 'Install this driver?',
    text: (alias: string) =>
      `The panel sends DRV_INSTALL to ${alias}. The driver sets up its registry data and checks its hardware; it may ask for a restart.`,
    confirm: 'Install',
  },
  remove: {
    title: 'Remove this driver?',
    text: (alias: string) =>
      `The panel sends DRV_REMOVE to ${alias}. The driver deletes its own registry data and may stop working until it is installed again. It may ask for a restart.`,
    confirm: 'Remove',
  },
} as const;

function ConfirmButton({ action, alias, disabled, onConfirm }: { action: 'install' | 'remove'; alias: string; disabled: boolean; onConfirm: () => void }): React.JSX.Element {
  const text = confirmations[action];
  return (
    <AdminGate action={action} label={`${text.confirm}…`} disabled={disabled}>
      <ConfirmDialog trigger={<Button disabledFocusable={disabled}>{text.confirm}…</Button>} title={text.title} confirm={text.confirm} onConfirm={onConfirm}>
        {text.text(alias)}
      </ConfirmDialog>
    </AdminGate>
  );
}

/** Offered once a call has taken this long: a dialog may legitimately wait for a person before that. */
const STOP_WAITING_AFTER_MS = 3_000;

function Waiting({ busy, onStopWaiting }: { busy: PanelAction; onStopWaiting: () => void }): React.JSX.Element {
  const [long, setLong] = useState(false);
  useEffect(() => {
    const timer = setTimeout(() => setLong(true), STOP_WAITING_AFTER_MS);
    return () => clearTimeout(timer);
  }, []);
  return (
    <>
      <Spinner size="tiny" label={`Waiting for the driver (${busy === 'retry' ? 'trying again' : busy})…`} />
      {long && <Button onClick={onStopWaiting}>Stop waiting</Button>}
    </>
  );
}

export interface DriverActionsProps {
  driver: DriverEntry;
  busy: PanelAction | null;
  onAction: (action: PanelAction) => void;
  onStopWaiting: () => void;
}

export function DriverActions({ driver, busy, onAction, onStopWaiting }: DriverActionsProps): React.JSX.Element | null {
  const styles = useStyles();
  if (!driver.openable && !busy) return null;
  const disabled = busy !== null;
  return (
    <div className={styles.actions} role="group" aria-label="Driver actions">
      <ConfirmButton action="install" alias={driver.alias} disabled={disabled} onConfirm={() => onAction('install')} />
      <ConfirmButton action="remove" alias={driver.alias} disabled={disabled} onConfirm={() => onAction('remove')} />
      {driver.probe?.configurable === true && (
        <Button appearance="primary" disabledFocusable={disabled} onClick={() => onAction('configure')}>
          Configure…
        </Button>
      )}
      {busy && <Waiting busy={busy} onStopWaiting={onStopWaiting} />}
    </div>
  );
}
