/**
 * The installed drivers as a Windows admin tool shows them: a compact table,
 * grouped by kind (the group of the rows at the top stays in view), with resizable
 * columns sorted by their headers in both directions, virtualised so that
 * thousands of rows stay smooth. The rows are one tab stop: arrows, Page
 * Up/Down, Home/End and typing a name move the selection; Enter goes to the
 * details; Ctrl+C copies the row; the context menu (right-click, Shift+F10,
 * the Menu key) offers what the details pane offers.
 */
import { Badge, Text, makeStyles, mergeClasses, tokens, useTableColumnSizing_unstable, useTableFeatures } from '@fluentui/react-components';
import {
  ArrowSortDownRegular,
  ArrowSortUpRegular,
  DocumentDismissRegular,
  ErrorCircleRegular,
  ProhibitedRegular,
  ShieldErrorRegular,
  WarningRegular,
  type FluentIcon,
} from '@fluentui/react-icons';
import { useVirtualizer } from '@tanstack/react-virtual';
import { memo, useCallback, useEffect, useLayoutEffect, useMemo, useRef, useState, type KeyboardEvent, type MouseEvent, type RefObject } from 'react';
import type { DriverEntry, RestartRequirement } from '../../app/drivers';
import { cellText, columnIds, columnLabels, groupShownBelow, statusLabels, type ColumnId, type GroupRow, type ListRow, type PlacedRow, type SortOrder } from '../driverPresentation';
import { useTypeAhead } from '../useTypeAhead';

const ROW_HEIGHT = 30;
const GROUP_HEIGHT = 28;
const HEAD_HEIGHT = 32;

const defaultWidths: Record<ColumnId, number> = {
  name: 190,
  alias: 140,
  view: 70,
  status: 120,
  configurable: 110,
  kind: 110,
  file: 130,
  version: 100,
  company: 160,
  signer: 160,
};
const columnSizingOptions = Object.fromEntries(columnIds.map((id) => [id, { defaultWidth: defaultWidths[id], idealWidth: defaultWidths[id], minWidth: 60 }]));
// useTableFeatures wants column definitions; only their ids matter to column sizing.
const sizingColumns = columnIds.map((columnId) => ({ columnId, compare: () => 0, renderHeaderCell: () => null, renderCell: () => null }));

const useStyles = makeStyles({
  scroller: {
    flexGrow: 1,
    overflow: 'auto',
    position: 'relative',
    backgroundColor: tokens.colorNeutralBackground1,
    borderRadius: tokens.borderRadiusLarge,
    border: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke2}`,
    ':focus-visible': { outline: `${tokens.strokeWidthThick} solid ${tokens.colorStrokeFocus2}` },
  },
  // Border included in its height: the rows start HEAD_HEIGHT down, where the virtualiser and the sticky group header place them.
  head: { position: 'sticky', top: 0, zIndex: 2, display: 'flex', boxSizing: 'border-box', height: `${HEAD_HEIGHT}px`, backgroundColor: tokens.colorNeutralBackground1, borderBottom: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke2}` },
  headCell: { position: 'relative', display: 'flex', alignItems: 'stretch', flexShrink: 0, boxSizing: 'border-box' },
  sortButton: {
    flexGrow: 1,
    minWidth: 0,
    display: 'flex',
    alignItems: 'center',
    gap: tokens.spacingHorizontalXXS,
    padding: `0 ${tokens.spacingHorizontalS}`,
    border: 'none',
    background: 'none',
    color: tokens.colorNeutralForeground1,
    font: 'inherit',
    fontWeight: tokens.fontWeightSemibold,
    cursor: 'pointer',
    ':hover': { backgroundColor: tokens.colorNeutralBackground1Hover },
    ':focus-visible': { outline: `${tokens.strokeWidthThick} solid ${tokens.colorStrokeFocus2}`, outlineOffset: '-2px' },
  },
  resizer: {
    position: 'absolute',
    right: 0,
    top: '4px',
    bottom: '4px',
    width: '6px',
    cursor: 'col-resize',
    borderRight: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke2}`,
    ':hover': { borderRight: `${tokens.strokeWidthThick} solid ${tokens.colorBrandStroke1}` },
  },
  group: {
    display: 'flex',
    alignItems: 'center',
    padding: `0 ${tokens.spacingHorizontalS}`,
    color: tokens.colorNeutralForeground3,
    backgroundColor: tokens.colorNeutralBackground3,
    boxSizing: 'border-box',
  },
  stickyGroup: { position: 'sticky', top: `${HEAD_HEIGHT}px`, zIndex: 1, height: `${GROUP_HEIGHT}px`, marginBottom: `-${GROUP_HEIGHT}px` },
  row: {
    display: 'flex',
    alignItems: 'center',
    cursor: 'default',
    boxSizing: 'border-box',
    // Each row is laid out and painted on its own: a scroll that brings in new rows leaves the others alone.
    contain: 'strict',
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
  cell: {
    flexShrink: 0,
    boxSizing: 'border-box',
    padding: `0 ${tokens.spacingHorizontalS}`,
    overflow: 'hidden',
    textOverflow: 'ellipsis',
    whiteSpace: 'nowrap',
    fontSize: tokens.fontSizeBase200,
  },
  name: { fontWeight: tokens.fontWeightSemibold },
  statusIcon: { verticalAlign: 'text-bottom', marginRight: tokens.spacingHorizontalXS, fontSize: '16px' },
  danger: { color: tokens.colorPaletteRedForeground1 },
  warning: { color: tokens.colorPaletteDarkOrangeForeground1 },
  informative: { color: tokens.colorNeutralForeground3 },
  empty: { padding: tokens.spacingHorizontalL },
});

const statusColors = {
  ok: 'success',
  disabled: 'informative',
  'unreadable-value': 'warning',
  'missing-file': 'danger',
  'open-failed': 'danger',
  quarantined: 'danger',
} as const satisfies Record<DriverEntry['status'], 'success' | 'warning' | 'danger' | 'informative'>;

export interface DriverTableProps {
  rows: readonly ListRow[];
  selectedId: string | null;
  onSelect: (id: string) => void;
  sort: SortOrder;
  onSort: (sort: SortOrder) => void;
  restarts: readonly RestartRequirement[];
  /** Enter on a row: the details of the selected driver. */
  onOpen: () => void;
  /** Ctrl+C on a row. */
  onCopy: () => void;
  /** The context menu of the selected row, at the pointer or under the row. */
  onContextMenu: (at: { x: number; y: number }) => void;
  /** Said when there is no row. */
  empty: string;
}

function rowId(id: string): string {
  return `driver-${id.replace(/[^a-zA-Z0-9_-]/g, '_')}`;
}

/** A shape for each way a driver is not well, before its name: told apart at a glance, and not by colour alone. */
const statusIcons: Record<Exclude<DriverEntry['status'], 'ok'>, FluentIcon> = {
  disabled: ProhibitedRegular,
  'unreadable-value': WarningRegular,
  'missing-file': DocumentDismissRegular,
  'open-failed': ErrorCircleRegular,
  quarantined: ShieldErrorRegular,
};

function StatusIcon({ status }: { status: DriverEntry['status'] }): React.JSX.Element | null {
  const styles = useStyles();
  if (status === 'ok') return null;
  const Icon = statusIcons[status];
  const tone = statusColors[status];
  return <Icon role="img" aria-label={statusLabels[status]} data-status-icon={status} className={mergeClasses(styles.statusIcon, styles[tone])} />;
}

function Cell({ driver, column, text, pendingRestart }: { driver: DriverEntry; column: ColumnId; text: string; pendingRestart: boolean }): React.JSX.Element {
  if (column === 'name') {
    return (
      <>
        <StatusIcon status={driver.status} />
        {text}
      </>
    );
  }
  if (column === 'status') {
    return (
      <>
        {driver.status === 'ok' ? text : <Badge appearance="tint" color={statusColors[driver.status]}>{text}</Badge>}
        {pendingRestart && (
          <Badge appearance="filled" color="warning">
            Restart needed
          </Badge>
        )}
      </>
    );
  }
  if (column === 'configurable' && text !== 'No' && text !== '…' && text !== '') {
    return (
      <Badge appearance="tint" color="brand">
        {text}
      </Badge>
    );
  }
  return <>{text}</>;
}

interface DriverRowProps {
  driver: DriverEntry;
  selected: boolean;
  pendingRestart: boolean;
  widths: Record<ColumnId, number>;
  totalWidth: number;
  top: number;
  onSelect: (id: string) => void;
  onMenu: (event: MouseEvent, id: string) => void;
}

/** One driver's row; memoised, since a scroll or a streamed update re-renders the table but changes few rows. */
const DriverRow = memo(function DriverRow({ driver, selected, pendingRestart, widths, totalWidth, top, onSelect, onMenu }: DriverRowProps): React.JSX.Element {
  const styles = useStyles();
  const nameClass = mergeClasses(styles.cell, styles.name);
  return (
    <div
      id={rowId(driver.id)}
      role="row"
      aria-selected={selected}
      className={mergeClasses(styles.row, selected && styles.selected)}
      style={{ position: 'absolute', top: 0, left: 0, width: totalWidth, height: ROW_HEIGHT, transform: `translateY(${top}px)` }}
      onClick={() => onSelect(driver.id)}
      onContextMenu={(e) => onMenu(e, driver.id)}
      data-alias={driver.alias}
    >
      {columnIds.map((column) => {
        const text = cellText(driver, column);
        return (
          <div key={column} role="gridcell" className={column === 'name' ? nameClass : styles.cell} style={{ width: widths[column] }} title={text || undefined}>
            <Cell driver={driver} column={column} text={text} pendingRestart={pendingRestart} />
          </div>
        );
      })}
    </div>
  );
});

/**
 * The group the sticky group header names (none while the list is at its top),
 * and the scroll handler that follows it: read from the scroll position itself,
 * since the virtualiser re-renders the table only when the range of rows it
 * lays out changes, and a label computed while rendering would lag behind.
 */
function useStuckGroup(
  rows: readonly ListRow[],
  rowAt: (offset: number) => PlacedRow | undefined,
  scroller: RefObject<HTMLDivElement | null>,
): [GroupRow | undefined, () => void] {
  const [stuck, setStuck] = useState<GroupRow | undefined>(undefined);
  const follow = useCallback((): void => {
    const top = scroller.current?.scrollTop ?? 0;
    // The first row that shows under the sticky header, not the one hidden behind it.
    const edge = top + HEAD_HEIGHT + GROUP_HEIGHT;
    const under = rowAt(edge);
    setStuck(top > 0 ? groupShownBelow(rows, under ? [under] : [], edge) : undefined);
  }, [rows, rowAt, scroller]);
  // Also when the rows change under a list that stays where it is (a search, a sort, a refresh).
  useLayoutEffect(follow, [follow]);
  return [stuck, follow];
}

export function DriverTable(props: DriverTableProps): React.JSX.Element {
  const { rows, selectedId, onSelect, sort, onSort, restarts, empty } = props;
  const styles = useStyles();
  const scroller = useRef<HTMLDivElement>(null);
  const { columnSizing_unstable: sizing } = useTableFeatures({ columns: sizingColumns, items: [] }, [useTableColumnSizing_unstable({ columnSizingOptions, autoFitColumns: false })]);
  const widthList = columnIds.map((id) => sizing.getColumnWidths().find((w) => w.columnId === id)?.width ?? defaultWidths[id]);
  // One object while no column is resized, so that the memoised rows are not re-rendered.
  const widthKey = widthList.join(',');
  const widths = useMemo(() => {
    const list = widthKey.split(',').map(Number);
    return Object.fromEntries(columnIds.map((id, i) => [id, list[i] ?? defaultWidths[id]])) as Record<ColumnId, number>;
  }, [widthKey]);
  const totalWidth = widthList.reduce((sum, width) => sum + width, 0);
  // The headers are one tab stop; Left and Right move between them (a roving tabindex).
  const [headerStop, setHeaderStop] = useState<ColumnId>('name');
  const virtualizer = useVirtualizer({
    count: rows.length,
    getScrollElement: () => scroller.current,
    estimateSize: (i) => (rows[i]?.type === 'group' ? GROUP_HEIGHT : ROW_HEIGHT),
    // The rows start under the column headers, and the sticky group header covers the first row under them.
    scrollMargin: HEAD_HEIGHT,
    scrollPaddingStart: HEAD_HEIGHT + GROUP_HEIGHT,
    overscan: 4,
    // Until the list is laid out, the window's height stands for its own: the first render then has the rows, not a second one after measuring.
    initialRect: { width: 0, height: window.innerHeight },
  });
  const drivers = useMemo(() => rows.flatMap((row, index) => (row.type === 'driver' ? [{ driver: row.driver, index }] : [])), [rows]);
  const selectedIndex = rows.findIndex((row) => row.type === 'driver' && row.driver.id === selectedId);
  const pendingRestart = useMemo(() => new Set(restarts.map((r) => r.id)), [restarts]);
  const names = useMemo(() => drivers.map((d) => [cellText(d.driver, 'name'), d.driver.alias]), [drivers]);
  const typeAhead = useTypeAhead(names, (position) => {
    const found = drivers[position];
    if (found) onSelect(found.driver.id);
  });

  useEffect(() => {
    if (selectedIndex >= 0) virtualizer.scrollToIndex(selectedIndex, { align: 'auto' });
  }, [selectedIndex, virtualizer]);

  const [stuckGroup, followScroll] = useStuckGroup(rows, virtualizer.getVirtualItemForOffset, scroller);

  const selectedElement = (): HTMLElement | null => (selectedId ? document.getElementById(rowId(selectedId)) : null);

  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>): void => {
    // Keys on the column headers are theirs (arrows move between them).
    if (event.target !== event.currentTarget) return;
    const position = drivers.findIndex((d) => d.index === selectedIndex);
    const page = Math.max(1, Math.floor(((scroller.current?.clientHeight ?? 0) - HEAD_HEIGHT) / ROW_HEIGHT) - 1);
    const steps: Record<string, number> = { ArrowDown: 1, ArrowUp: -1, PageDown: page, PageUp: -page, Home: -Infinity, End: Infinity };
    const step = steps[event.key];
    if (step !== undefined && drivers.length > 0) {
      event.preventDefault();
      const target = Math.min(drivers.length - 1, Math.max(0, (position < 0 ? -1 : position) + step));
      const found = drivers[target];
      if (found) onSelect(found.driver.id);
    } else if (event.key === 'Enter' && selectedId) {
      event.preventDefault();
      props.onOpen();
    } else if ((event.ctrlKey || event.metaKey) && event.key.toLowerCase() === 'c' && selectedId) {
      event.preventDefault();
      props.onCopy();
    } else if (event.key === 'ContextMenu' || (event.shiftKey && event.key === 'F10')) {
      event.preventDefault();
      const box = selectedElement()?.getBoundingClientRect();
      if (box) props.onContextMenu({ x: box.left + 24, y: box.bottom });
    } else if (typeAhead.key(event.key, event.ctrlKey || event.altKey || event.metaKey, position)) {
      event.preventDefault();
    }
  };

  const { onContextMenu } = props;
  const openMenu = useCallback(
    (event: MouseEvent, id: string): void => {
      event.preventDefault();
      onSelect(id);
      scroller.current?.focus();
      onContextMenu({ x: event.clientX, y: event.clientY });
    },
    [onSelect, onContextMenu],
  );

  if (rows.length === 0) {
    return <Text className={styles.empty}>{empty}</Text>;
  }
  const selectedRow = rows[selectedIndex];

  return (
    <div
      ref={scroller}
      className={styles.scroller}
      role="grid"
      aria-label="Installed drivers"
      aria-rowcount={drivers.length + 1}
      aria-colcount={columnIds.length}
      tabIndex={0}
      aria-activedescendant={selectedRow?.type === 'driver' ? rowId(selectedRow.driver.id) : undefined}
      onKeyDown={onKeyDown}
      onScroll={followScroll}
    >
      <div role="rowgroup" className={styles.head} style={{ width: totalWidth }}>
        <div role="row" aria-rowindex={1} style={{ display: 'flex' }}>
          {columnIds.map((column) => {
            const sorted = sort.column === column ? sort.direction : undefined;
            return (
              <div key={column} role="columnheader" aria-sort={sorted ?? 'none'} className={styles.headCell} style={{ width: widths[column] }}>
                <button
                  type="button"
                  tabIndex={column === headerStop ? 0 : -1}
                  onFocus={() => setHeaderStop(column)}
                  className={styles.sortButton}
                  title={`Sort by ${columnLabels[column].toLowerCase()}`}
                  onClick={() => onSort({ column, direction: sorted === 'ascending' ? 'descending' : 'ascending' })}
                  onKeyDown={(e) => {
                    // Ctrl+Shift+Left/Right resizes the column, for those without a mouse.
                    if (e.key !== 'ArrowLeft' && e.key !== 'ArrowRight') return;
                    e.preventDefault();
                    const step = e.key === 'ArrowRight' ? 1 : -1;
                    if (e.ctrlKey && e.shiftKey) {
                      sizing.setColumnWidth(column, Math.max(60, widths[column] + step * 20));
                      return;
                    }
                    const next = columnIds[columnIds.indexOf(column) + step];
                    const buttons = e.currentTarget.closest('[role=row]')?.querySelectorAll('button');
                    if (next) buttons?.[columnIds.indexOf(next)]?.focus();
                  }}
                >
                  <span style={{ overflow: 'hidden', textOverflow: 'ellipsis' }}>{columnLabels[column]}</span>
                  {sorted === 'ascending' && <ArrowSortUpRegular aria-hidden />}
                  {sorted === 'descending' && <ArrowSortDownRegular aria-hidden />}
                </button>
                <div className={styles.resizer} aria-hidden onMouseDown={sizing.getOnMouseDown(column)} onTouchStart={sizing.getOnMouseDown(column)} />
              </div>
            );
          })}
        </div>
      </div>
      {stuckGroup && (
        <div aria-hidden className={mergeClasses(styles.group, styles.stickyGroup)} style={{ width: totalWidth }} data-testid="sticky-group">
          <Text weight="semibold" size={200}>
            {stuckGroup.label} ({stuckGroup.count})
          </Text>
        </div>
      )}
      <div role="rowgroup" style={{ height: virtualizer.getTotalSize(), width: totalWidth, position: 'relative' }}>
        {virtualizer.getVirtualItems().map((item) => {
          const row = rows[item.index];
          if (!row) return null;
          const position = { position: 'absolute', top: 0, left: 0, width: totalWidth, height: item.size, transform: `translateY(${item.start - HEAD_HEIGHT}px)` } as const;
          if (row.type === 'group') {
            return (
              <div key={`group-${row.kind}`} role="presentation" className={styles.group} style={position}>
                <Text weight="semibold" size={200}>
                  {row.label} ({row.count})
                </Text>
              </div>
            );
          }
          const { driver } = row;
          return (
            <DriverRow
              key={driver.id}
              driver={driver}
              selected={driver.id === selectedId}
              pendingRestart={pendingRestart.has(driver.id)}
              widths={widths}
              totalWidth={totalWidth}
              top={item.start - HEAD_HEIGHT}
              onSelect={onSelect}
              onMenu={openMenu}
            />
          );
        })}
      </div>
    </div>
  );
}
