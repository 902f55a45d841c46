/**
 * The installed drivers, grouped by kind, virtualised so that long lists stay
 * smooth. One tab stop: arrow keys, Home/End and Page Up/Down move the selection.
 */
import { Badge, Caption1, Text, makeStyles, mergeClasses, tokens } from '@fluentui/react-components';
import { useVirtualizer } from '@tanstack/react-virtual';
import { useEffect, useRef, type KeyboardEvent } from 'react';
import type { DriverEntry, RestartRequirement } from '../../app/drivers';
import { configurableState, displayName, statusLabels, type ListRow } from '../driverPresentation';

const ROW_HEIGHT = 60;
const GROUP_HEIGHT = 36;

const useStyles = makeStyles({
  scroller: {
    flexGrow: 1,
    overflowY: 'auto',
    backgroundColor: tokens.colorNeutralBackground1,
    borderRadius: tokens.borderRadiusLarge,
    border: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke2}`,
    ':focus-visible': { outline: `${tokens.strokeWidthThick} solid ${tokens.colorStrokeFocus2}` },
  },
  group: { display: 'flex', alignItems: 'flex-end', padding: `0 ${tokens.spacingHorizontalM} ${tokens.spacingVerticalXS}`, color: tokens.colorNeutralForeground3 },
  row: {
    display: 'flex',
    alignItems: 'center',
    gap: tokens.spacingHorizontalS,
    padding: `0 ${tokens.spacingHorizontalM}`,
    cursor: 'default',
    borderRadius: tokens.borderRadiusMedium,
    ':hover': { backgroundColor: tokens.colorNeutralBackground1Hover },
    // Windows high contrast: hover is a dashed outline in the system's highlight colour, unlike selection.
    '@media (forced-colors: active)': { ':hover': { outline: '1px dashed Highlight', outlineOffset: '-1px' } },
  },
  // A brand-coloured edge (at least 3:1 against the list in both themes) sets the selection apart from hover.
  selected: {
    backgroundColor: tokens.colorBrandBackground2,
    outline: `${tokens.strokeWidthThick} solid ${tokens.colorBrandStroke1}`,
    outlineOffset: `calc(-1 * ${tokens.strokeWidthThick})`,
    ':hover': { backgroundColor: tokens.colorBrandBackground2Hover },
    '@media (forced-colors: active)': {
      backgroundColor: 'Highlight',
      color: 'HighlightText',
      forcedColorAdjust: 'none',
      outline: '2px solid HighlightText',
      ':hover': { backgroundColor: 'Highlight', outline: '2px solid HighlightText' },
      // The row opts out of forced colours to paint the highlight, so its text and badges follow it by hand.
      '& *': { color: 'HighlightText', backgroundColor: 'transparent' },
    },
  },
  text: { display: 'flex', flexDirection: 'column', flexGrow: 1, minWidth: 0 },
  ellipsis: { overflow: 'hidden', textOverflow: 'ellipsis', whiteSpace: 'nowrap' },
  badges: { display: 'flex', gap: tokens.spacingHorizontalXS, flexShrink: 0 },
  empty: { padding: tokens.spacingHorizontalL },
});

const statusColors = {
  ok: 'success',
  disabled: 'informative',
  'unreadable-value': 'warning',
  'missing-file': 'danger',
  'other-architecture': 'informative',
  'open-failed': 'danger',
  quarantined: 'danger',
} as const satisfies Record<DriverEntry['status'], 'success' | 'warning' | 'danger' | 'informative'>;

export interface DriverListProps {
  rows: readonly ListRow[];
  selectedId: string | null;
  onSelect: (id: string) => void;
  restarts: readonly RestartRequirement[];
  /** Said when there is no row. */
  empty: string;
}

function optionId(id: string): string {
  return `driver-${id.replace(/[^a-zA-Z0-9_-]/g, '_')}`;
}

export function DriverList({ rows, selectedId, onSelect, restarts, empty }: DriverListProps): React.JSX.Element {
  const styles = useStyles();
  const scroller = useRef<HTMLDivElement>(null);
  const virtualizer = useVirtualizer({
    count: rows.length,
    getScrollElement: () => scroller.current,
    estimateSize: (i) => (rows[i]?.type === 'group' ? GROUP_HEIGHT : ROW_HEIGHT),
    overscan: 8,
  });
  const driverIndexes = rows.flatMap((row, index) => (row.type === 'driver' ? [index] : []));
  const selectedIndex = rows.findIndex((row) => row.type === 'driver' && row.driver.id === selectedId);
  const pendingRestart = new Set(restarts.map((r) => r.id));

  useEffect(() => {
    if (selectedIndex >= 0) virtualizer.scrollToIndex(selectedIndex, { align: 'auto' });
  }, [selectedIndex, virtualizer]);

  const move = (event: KeyboardEvent<HTMLDivElement>): void => {
    const position = driverIndexes.indexOf(selectedIndex);
    const page = Math.max(1, Math.floor((scroller.current?.clientHeight ?? 0) / ROW_HEIGHT) - 1);
    const steps: Record<string, number> = { ArrowDown: 1, ArrowUp: -1, PageDown: page, PageUp: -page, Home: -Infinity, End: Infinity };
    const step = steps[event.key];
    if (step === undefined || driverIndexes.length === 0) return;
    event.preventDefault();
    const target = Math.min(driverIndexes.length - 1, Math.max(0, (position < 0 ? -1 : position) + step));
    const row = rows[driverIndexes[target] ?? -1];
    if (row?.type === 'driver') onSelect(row.driver.id);
  };

  if (rows.length === 0) {
    return <Text className={styles.empty}>{empty}</Text>;
  }
  const selectedRow = rows[selectedIndex];

  return (
    <div
      ref={scroller}
      className={styles.scroller}
      role="listbox"
      aria-label="Installed drivers"
      tabIndex={0}
      aria-activedescendant={selectedRow?.type === 'driver' ? optionId(selectedRow.driver.id) : undefined}
      onKeyDown={move}
    >
      <div role="presentation" style={{ height: virtualizer.getTotalSize(), position: 'relative' }}>
        {virtualizer.getVirtualItems().map((item) => {
          const row = rows[item.index];
          if (!row) return null;
          const position = { position: 'absolute', top: 0, left: 0, right: 0, height: item.size, transform: `translateY(${item.start}px)` } as const;
          if (row.type === 'group') {
            return (
              <div key={`group-${row.kind}`} role="presentation" className={styles.group} style={position}>
                <Text weight="semibold">
                  {row.label} ({row.count})
                </Text>
              </div>
            );
          }
          const { driver } = row;
          const configurable = configurableState(driver);
          return (
            <div
              key={driver.id}
              id={optionId(driver.id)}
              role="option"
              aria-selected={driver.id === selectedId}
              className={mergeClasses(styles.row, driver.id === selectedId && styles.selected)}
              style={position}
              onClick={() => onSelect(driver.id)}
              data-alias={driver.alias}
            >
              <div className={styles.text}>
                <Text weight="semibold" className={styles.ellipsis}>
                  {displayName(driver)}
                </Text>
                <Caption1 className={styles.ellipsis}>
                  {[displayName(driver) === driver.alias ? null : driver.alias, driver.file, driver.details?.version.fileVersion, driver.view === '32-bit' ? '32-bit' : null]
                    .filter(Boolean)
                    .join(' · ')}
                </Caption1>
              </div>
              <div className={styles.badges}>
                {driver.status !== 'ok' && (
                  <Badge appearance="tint" color={statusColors[driver.status]}>
                    {statusLabels[driver.status]}
                  </Badge>
                )}
                {pendingRestart.has(driver.id) && (
                  <Badge appearance="filled" color="warning">
                    Restart needed
                  </Badge>
                )}
                {configurable === 'yes' && (
                  <Badge appearance="tint" color="brand">
                    Configurable
                  </Badge>
                )}
              </div>
            </div>
          );
        })}
      </div>
    </div>
  );
}
