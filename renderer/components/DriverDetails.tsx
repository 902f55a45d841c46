/** Everything known about the selected driver, and what can be done with it. */
import {
  Button,
  Caption1,
  Card,
  CardHeader,
  MessageBar,
  MessageBarBody,
  MessageBarTitle,
  Subtitle2,
  Text,
  makeStyles,
  tokens,
} from '@fluentui/react-components';
import { CopyRegular, FolderOpenRegular } from '@fluentui/react-icons';
import { readQueryConfigure } from '../../app/configurationAnswers';
import type { DriverEntry } from '../../app/drivers';
import { displayName, kindNames, quarantineSummary, statusLabels } from '../driverPresentation';
import type { ActionState, PanelAction } from '../actionCalls';
import { codecFields } from '../codecPresentation';
import { ActionOutcome } from './ActionOutcome';
import { MessageConsole } from './MessageConsole';
import { DriverActions } from './DriverActions';

const useStyles = makeStyles({
  // Not clipped (Fluent clips a card), so that the action bar can stick to the top of the scrolling pane.
  card: { padding: tokens.spacingHorizontalL, gap: tokens.spacingVerticalM, overflow: 'visible' },
  // The driver's actions stay in view while a person scrolls through its fields, as a command bar does.
  actionBar: {
    position: 'sticky',
    top: 0,
    zIndex: 1,
    display: 'flex',
    flexDirection: 'column',
    gap: tokens.spacingVerticalS,
    paddingTop: tokens.spacingVerticalXS,
    paddingBottom: tokens.spacingVerticalXS,
    backgroundColor: tokens.colorNeutralBackground1,
  },
  fields: { display: 'grid', gridTemplateColumns: 'max-content 1fr', columnGap: tokens.spacingHorizontalL, rowGap: tokens.spacingVerticalXS, margin: 0 },
  term: { color: tokens.colorNeutralForeground3 },
  value: { margin: 0, overflowWrap: 'anywhere' },
  problem: { color: tokens.colorPaletteRedForeground1 },
});

function probeText(driver: DriverEntry): string {
  if (driver.probe) {
    const { offers, meaning } = readQueryConfigure(driver.alias, driver.probe.raw);
    return `${driver.probe.raw} (${offers ? 'has a configuration dialog' : 'no configuration dialog'}${meaning ? `; ${meaning}` : ''})`;
  }
  return driver.pending ? 'Checking…' : 'Not checked';
}

const fileTerms = ['Path', 'Size', 'Created', 'Modified', 'Installer\'s description', 'Codec description', 'Description', 'Company', 'Product', 'File version', 'Signature'];

/** Every row is there while the file is read, so that nothing below jumps when its details arrive. */
function fileFields(driver: DriverEntry): Array<[string, string]> {
  const { details } = driver;
  if (!details) return fileTerms.map((term) => [term, 'Reading…']);
  const version = details.version;
  return [
    ['Path', details.path ?? 'Not found'],
    ['Size', details.identity ? `${details.identity.size.toLocaleString()} bytes` : '—'],
    ['Created', details.created ? new Date(details.created).toLocaleString() : '—'],
    ['Modified', details.identity ? new Date(details.identity.modified).toLocaleString() : '—'],
    ["Installer's description", details.installerDescription ? `${details.installerDescription} (drivers.desc)` : '—'],
    ['Codec description', details.mediaResource ? `${details.mediaResource} (MediaResources)` : '—'],
    ['Description', version.fileDescription ? `${version.fileDescription} (version resource)` : '—'],
    ['Company', version.companyName ?? '—'],
    ['Product', version.productName ?? '—'],
    ['File version', version.fileVersion ?? '—'],
    ['Signature', details.signature?.text ?? (details.path ? 'Checking…' : '—')],
  ];
}

/** A quarantined driver: what happened and when; its one way back, Try again, leads the action bar above. */
function QuarantineNote({ driver }: { driver: DriverEntry }): React.JSX.Element | null {
  if (!driver.quarantine) return null;
  return (
    <MessageBar intent="error" layout="multiline" role="note" data-testid="quarantine-note">
      <MessageBarBody>
        <MessageBarTitle>{quarantineSummary(driver.quarantine)}</MessageBarTitle>
        The panel no longer opens this driver on its own, so it cannot take the panel down again. Try again once it has been updated or
        reinstalled; a changed driver file gets a fresh chance by itself.
      </MessageBarBody>
    </MessageBar>
  );
}

export interface DriverDetailsProps {
  driver: DriverEntry;
  state: ActionState;
  onAction: (action: PanelAction) => void;
  onStopWaiting: () => void;
  onCopy: () => void;
  onShowFile: () => void;
  /** Advanced is on: the message console is shown for a driver the panel may open. */
  advanced: boolean;
}

/** For the person, not the driver: nothing here changes the machine, so these sit apart from the driver's actions. */
function FileActions({ driver, onCopy, onShowFile }: Pick<DriverDetailsProps, 'driver' | 'onCopy' | 'onShowFile'>): React.JSX.Element {
  return (
    <div role="group" aria-label="Details actions" style={{ display: 'flex', gap: tokens.spacingHorizontalS }}>
      <Button data-menu size="small" appearance="subtle" icon={<CopyRegular />} onClick={onCopy}>
        Copy details
      </Button>
      {driver.details?.path && (
        <Button data-menu size="small" appearance="subtle" icon={<FolderOpenRegular />} onClick={onShowFile}>
          Open file location
        </Button>
      )}
    </div>
  );
}

export function DriverDetails({ driver, state, onAction, onStopWaiting, onCopy, onShowFile, advanced }: DriverDetailsProps): React.JSX.Element {
  const styles = useStyles();
  const fields: Array<[string, string]> = [
    ['Alias', driver.alias],
    ['Kind', kindNames[driver.kind]],
    ['Status', statusLabels[driver.status]],
    ...codecFields(driver),
    ['File', driver.file || '—'],
    ...fileFields(driver),
    ['Loaded from', driver.probe?.loadedPath ?? '—'],
    ['Parameters', driver.parameters ?? '—'],
    ['Registered in', driver.sources.join(', ')],
    ['Registry view', driver.view],
    ['DRV_QUERYCONFIGURE', probeText(driver)],
  ];
  return (
    <Card className={styles.card} aria-labelledby="details-title">
      <CardHeader
        header={
          <Subtitle2 as="h2" id="details-title" tabIndex={-1}>
            {displayName(driver)}
          </Subtitle2>
        }
        description={displayName(driver) === driver.alias ? undefined : <Caption1>{driver.alias}</Caption1>}
      />
      {/* The actions come right under the name, before what may be long (a quarantine note, a status, the fields), so that they are in view in an 800×600 window. */}
      <div className={styles.actionBar}>
        <DriverActions driver={driver} busy={state.busy} onAction={onAction} onStopWaiting={onStopWaiting} />
        <FileActions driver={driver} onCopy={onCopy} onShowFile={onShowFile} />
      </div>
      <ActionOutcome state={state} />
      <QuarantineNote driver={driver} />
      {driver.statusDetail && !driver.quarantine && (
        <Text className={driver.status === 'disabled' ? undefined : styles.problem} role="note">
          {driver.statusDetail}
        </Text>
      )}
      <dl className={styles.fields}>
        {fields.map(([term, value]) => (
          <div key={term} style={{ display: 'contents' }}>
            <dt className={styles.term}>{term}</dt>
            <dd className={styles.value}>{value}</dd>
          </div>
        ))}
      </dl>
      {advanced && driver.openable && <MessageConsole key={driver.id} driver={driver} />}
    </Card>
  );
}
