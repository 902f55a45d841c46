/** Everything known about the selected driver, and what can be done with it. */
import { Caption1, Card, CardHeader, Subtitle2, Text, makeStyles, tokens } from '@fluentui/react-components';
import type { DriverAction, DriverEntry } from '../../app/drivers';
import { displayName, kindLabels, statusLabels } from '../driverPresentation';
import type { ActionState } from '../useDriverPanel';
import { ActionOutcome } from './ActionOutcome';
import { DriverActions } from './DriverActions';

const useStyles = makeStyles({
  card: { padding: tokens.spacingHorizontalL, gap: tokens.spacingVerticalM },
  fields: { display: 'grid', gridTemplateColumns: 'max-content 1fr', columnGap: tokens.spacingHorizontalL, rowGap: tokens.spacingVerticalXS, margin: 0 },
  term: { color: tokens.colorNeutralForeground3 },
  value: { margin: 0, overflowWrap: 'anywhere' },
  problem: { color: tokens.colorPaletteRedForeground1 },
});

function probeText(driver: DriverEntry): string {
  if (driver.probe) {
    const verdict = driver.probe.configurable ? 'has a configuration dialog' : 'no configuration dialog';
    return `${driver.probe.raw} (${verdict})`;
  }
  return driver.status === 'ok' ? 'Checking…' : 'Not checked';
}

export interface DriverDetailsProps {
  driver: DriverEntry;
  state: ActionState;
  onAction: (action: DriverAction) => void;
}

export function DriverDetails({ driver, state, onAction }: DriverDetailsProps): React.JSX.Element {
  const styles = useStyles();
  const fields: Array<[string, string]> = [
    ['Alias', driver.alias],
    ['Kind', kindLabels[driver.kind]],
    ['Status', statusLabels[driver.status]],
    ['File', driver.file],
    ['Path', driver.path ?? 'Not found'],
    ['Loaded from', driver.probe?.loadedPath ?? '—'],
    ['Parameters', driver.parameters ?? '—'],
    ['Registered in', driver.sources.join(', ')],
    ['Registry view', driver.view],
    ['Description', driver.version.fileDescription ?? '—'],
    ['Company', driver.version.companyName ?? '—'],
    ['Product', driver.version.productName ?? '—'],
    ['File version', driver.version.fileVersion ?? '—'],
    ['DRV_QUERYCONFIGURE', probeText(driver)],
  ];
  return (
    <Card className={styles.card} aria-labelledby="details-title">
      <CardHeader
        header={
          <Subtitle2 as="h2" id="details-title">
            {displayName(driver)}
          </Subtitle2>
        }
        description={displayName(driver) === driver.alias ? undefined : <Caption1>{driver.alias}</Caption1>}
      />
      {driver.statusDetail && (
        <Text className={styles.problem} role="note">
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
      <DriverActions driver={driver} busy={state.busy} onAction={onAction} />
      <ActionOutcome state={state} />
    </Card>
  );
}
