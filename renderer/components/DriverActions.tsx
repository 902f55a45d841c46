/**
 * Configure… exists only for a driver whose DRV_QUERYCONFIGURE answered nonzero
 * (and a video codec's -1 is no), Codec settings… only for a video codec whose
 * ICM_CONFIGURE query answered ICERR_OK, About… for every codec. Configure… comes last, so that the other buttons never move when a probe's answer
 * arrives under the pointer. Install and Remove ask first, saying what will
 * happen. Remove and Disable/Enable apply to every registration, also to one
 * the panel does not open (a missing file, another view); Install and
 * Configure only to a driver it may open. While a call runs the buttons stay focusable (disabledFocusable), so
 * keyboard focus stays where it was. While a driver keeps a person waiting (a
 * dialog that never comes back), Stop waiting ends its host. A quarantined
 * driver's one way back, Try again, comes first.
 */
import { Button, Spinner, makeStyles, tokens } from '@fluentui/react-components';
import { useEffect, useState } from 'react';
import type { DriverEntry } from '../../app/drivers';
import type { PanelAction } from '../actionCalls';
import { hasCodecSettings } from '../codecPresentation';
import { AdminGate } from './AdminGate';
import { ConfirmDialog } from './ConfirmDialog';

const useStyles = makeStyles({
  actions: { display: 'flex', gap: tokens.spacingHorizontalS, alignItems: 'center', flexWrap: 'wrap' },
});

const confirmations = {
  install: {
    request: 'installDriver',
    title: 'Install this driver?',
    text: (alias: string) =>
      `The panel sends DRV_INSTALL to ${alias}. The driver sets up its registry data and checks its hardware; it may ask for a restart.`,
    confirm: 'Install',
  },
  remove: {
    request: 'removeDriver',
    title: 'Remove this driver?',
    text: (alias: string) =>
      `The panel deletes the registration of ${alias} (from Drivers32, and from system.ini if it is there too); the driver file stays. If this is the last registration of its file, the driver is told first (DRV_REMOVE) and deletes its own settings; it may ask for a restart. You can undo the removal.`,
    confirm: 'Remove',
  },
} as const;

const toggles = {
  enable: { label: 'Enable', request: 'enableDriver' },
  disable: { label: 'Disable', request: 'disableDriver' },
} as const;

function ConfirmButton({ action, alias, disabled, onConfirm }: { action: 'install' | 'remove'; alias: string; disabled: boolean; onConfirm: () => void }): React.JSX.Element {
  const text = confirmations[action];
  return (
    <AdminGate request={text.request} label={`${text.confirm}…`} disabled={disabled}>
      <ConfirmDialog trigger={<Button data-menu disabledFocusable={disabled}>{text.confirm}…</Button>} title={text.title} confirm={text.confirm} onConfirm={onConfirm}>
        {text.text(alias)}
      </ConfirmDialog>
    </AdminGate>
  );
}

/** Offered once a call has taken this long: a dialog may legitimately wait for a person before that. */
const STOP_WAITING_AFTER_MS = 3_000;

const waitingWords: Record<PanelAction, string> = {
  configure: 'configure',
  settings: 'codec settings',
  about: 'About box',
  install: 'install',
  remove: 'remove',
  disable: 'disable',
  enable: 'enable',
  retry: 'trying again',
};

function Waiting({ busy, onStopWaiting }: { busy: PanelAction; onStopWaiting: () => void }): React.JSX.Element {
  const [long, setLong] = useState(false);
  useEffect(() => {
    const timer = setTimeout(() => setLong(true), STOP_WAITING_AFTER_MS);
    return () => clearTimeout(timer);
  }, []);
  return (
    <>
      <Spinner size="tiny" label={`Waiting for the driver (${waitingWords[busy]})…`} />
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

export function DriverActions({ driver, busy, onAction, onStopWaiting }: DriverActionsProps): React.JSX.Element {
  const styles = useStyles();
  const disabled = busy !== null;
  const toggle = driver.disabledBy ? 'enable' : 'disable';
  const { label, request } = toggles[toggle];
  // About… is offered for every codec without asking it first: Xvid and LAME show the box in answer to the query itself.
  const isCodec = driver.kind === 'vidc' || driver.kind === 'acm';
  return (
    <div className={styles.actions} role="group" aria-label="Driver actions">
      {driver.quarantine && (
        <Button data-menu appearance="primary" disabledFocusable={disabled} onClick={() => onAction('retry')}>
          Try again
        </Button>
      )}
      {driver.openable && <ConfirmButton action="install" alias={driver.alias} disabled={disabled} onConfirm={() => onAction('install')} />}
      <ConfirmButton action="remove" alias={driver.alias} disabled={disabled} onConfirm={() => onAction('remove')} />
      <AdminGate request={request} label={label} disabled={disabled}>
        <Button data-menu disabledFocusable={disabled} onClick={() => onAction(toggle)}>
          {label}
        </Button>
      </AdminGate>
      {driver.openable && isCodec && (
        <Button data-menu disabledFocusable={disabled} onClick={() => onAction('about')}>
          About…
        </Button>
      )}
      {driver.openable && hasCodecSettings(driver) && (
        <Button data-menu appearance={driver.probe?.configurable ? 'secondary' : 'primary'} disabledFocusable={disabled} onClick={() => onAction('settings')}>
          Codec settings…
        </Button>
      )}
      {driver.openable && driver.probe?.configurable === true && (
        <Button data-menu appearance="primary" disabledFocusable={disabled} onClick={() => onAction('configure')}>
          Configure…
        </Button>
      )}
      {busy && <Waiting busy={busy} onStopWaiting={onStopWaiting} />}
    </div>
  );
}
