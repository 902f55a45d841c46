/** The control panel: toolbar, restart banner, the driver list and the selected driver's details. */
import {
  Button,
  Checkbox,
  Switch,
  FluentProvider,
  MessageBar,
  MessageBarActions,
  MessageBarBody,
  MessageBarTitle,
  Spinner,
  Title3,
  makeStyles,
  tokens,
} from '@fluentui/react-components';
import { Suspense, lazy, useMemo, useRef, useState } from 'react';
import { AddDriverButton } from './components/AddDriverButton';
import { ChangeBanner } from './components/ChangeBanner';
import { ChangeHistoryButton } from './components/ChangeHistoryButton';
import { ExportReportMenu } from './components/ExportReportMenu';
import { copyDriverDetails } from './driverClipboard';
import { DriverTable } from './components/DriverTable';
import { PanelSearch, PanelToolbar } from './components/PanelToolbar';
import { WhichCodecButton } from './components/WhichCodecButton';
import { RestartBanner } from './components/RestartBanner';
import { useBannerStyles } from './components/bannerStyles';
import { groupRows, sortDrivers, type SortOrder } from './driverPresentation';
import { useFindShortcut } from './useFindShortcut';
import { ElevationContext } from './elevation';
import { useDriverPanel } from './useDriverPanel';
import { useSystemTheme } from './useSystemTheme';
import { aliasesByView } from './additionPlace';

const useStyles = makeStyles({
  root: { height: '100vh', display: 'flex', flexDirection: 'column', backgroundColor: tokens.colorNeutralBackground2 },
  header: { display: 'flex', alignItems: 'center', gap: tokens.spacingHorizontalL, padding: `${tokens.spacingVerticalM} ${tokens.spacingHorizontalXL}` },
  title: { flexGrow: 1 },
  commands: { padding: `0 ${tokens.spacingHorizontalXL} ${tokens.spacingVerticalS}` },
  // The list and the details keep room for a driver's name and actions however many banners are up: the banners give way. The
  // room is what three compact banners leave in an 800×600 window, so that those three stay whole.
  body: { flex: '1 0 240px', display: 'flex', gap: tokens.spacingHorizontalL, padding: `0 ${tokens.spacingHorizontalXL} ${tokens.spacingVerticalL}`, minHeight: 0 },
  list: { flex: '1 1 55%', minWidth: '320px', display: 'flex', flexDirection: 'column' },
  details: { flex: '1 1 45%', minWidth: '300px', overflowY: 'auto' },
  // In a small window several banners at once scroll in their own strip, rather than pushing the driver's actions out of the window.
  banners: {
    padding: `0 ${tokens.spacingHorizontalXL} ${tokens.spacingVerticalM}`,
    display: 'flex',
    flexDirection: 'column',
    gap: tokens.spacingVerticalS,
    flex: '0 1 auto',
    minHeight: 0,
    overflowY: 'auto',
    // Each banner keeps its height; the strip scrolls.
    '& > *': { flexShrink: 0 },
  },
});

/** What an empty list says: why it could not be read, that the search matches nothing, or that nothing is installed. */
function emptyText(listError: string | null, query: string, drivers: readonly unknown[] | null): string {
  if (listError && !drivers) return `The drivers could not be listed: ${listError}`;
  return query.trim() ? 'No driver matches the search.' : 'No installable driver is registered on this computer.';
}

// Loaded after the first rows: the details pane and the context menu are not needed to show the list.
const DriverDetails = lazy(async () => ({ default: (await import('./components/DriverDetails')).DriverDetails }));
const DriverContextMenu = lazy(async () => ({ default: (await import('./components/DriverContextMenu')).DriverContextMenu }));

export function App(): React.JSX.Element {
  const theme = useSystemTheme();
  const styles = useStyles();
  const banner = useBannerStyles();
  const panel = useDriverPanel();
  const [query, setQuery] = useState('');
  const [sort, setSort] = useState<SortOrder>({ column: 'name', direction: 'ascending' });
  const [menuAt, setMenuAt] = useState<{ x: number; y: number } | null>(null);
  const detailsPane = useRef<HTMLElement>(null);
  const searchBox = useRef<HTMLInputElement>(null);
  useFindShortcut(searchBox);
  const [hideMicrosoft, setHideMicrosoft] = useState(false);
  const [advanced, setAdvanced] = useState(false);
  const sorted = useMemo(() => sortDrivers(panel.drivers ?? [], sort), [panel.drivers, sort]);
  const rows = useMemo(() => groupRows(sorted, { query, hideMicrosoft }), [sorted, query, hideMicrosoft]);
  // The details show a listed driver only: the one picked while it is not filtered out, else the first one.
  const listed = rows.flatMap((row) => (row.type === 'driver' ? [row.driver] : []));
  const selected = (panel.selected && listed.find((d) => d.id === panel.selected?.id)) ?? listed[0] ?? null;
  const { elevated, restartAsAdministrator } = panel;
  const takenAliases = useMemo(() => aliasesByView(panel.drivers ?? []), [panel.drivers]);
  const elevation = useMemo(() => ({ elevated, restartAsAdministrator }), [elevated, restartAsAdministrator]);
  const undoLast = async (): Promise<void> => {
    const failure = panel.lastChange && (await panel.undo(panel.lastChange.change));
    if (failure) panel.inform({ intent: 'error', text: failure.message });
  };

  return (
    // Layout goes on an inner element: FluentProvider copies its className to the
    // portals it opens (menus, dialogs), which must not take the page's full height.
    <FluentProvider theme={theme}>
      <ElevationContext.Provider value={elevation}>
        <div className={styles.root}>
          <header className={styles.header}>
            <Title3 as="h1" className={styles.title}>
              Multimedia drivers
            </Title3>
            <PanelSearch query={query} onQuery={setQuery} inputRef={searchBox} />
          </header>
          <div className={styles.commands}>
            <PanelToolbar onRefresh={panel.refresh} refreshing={panel.loading} probing={panel.checking}>
              <AddDriverButton taken={takenAliases} onAdded={(addition) => addition.change && panel.recordChange(addition.change, addition.note)} inform={panel.inform} />
              <ExportReportMenu inform={panel.inform} />
              <ChangeHistoryButton onUndo={panel.undo} />
              <WhichCodecButton
                onShow={(id) => {
                  setQuery('');
                  panel.select(id);
                }}
              />
              <Checkbox label="Hide Microsoft-signed" checked={hideMicrosoft} onChange={(_e, data) => setHideMicrosoft(data.checked === true)} />
              {/* Off by default: the message console is for technicians. */}
              <Switch label="Advanced" checked={advanced} onChange={(_e, data) => setAdvanced(data.checked)} />
            </PanelToolbar>
          </div>
          <div className={styles.banners}>
            {panel.message && (
              <MessageBar
                intent={panel.message.intent}
                layout="singleline"
                className={banner.compact}
                role={panel.message.intent === 'error' ? 'alert' : 'status'}
                data-testid="panel-message"
              >
                <MessageBarBody className={banner.text}>{panel.message.text}</MessageBarBody>
                <MessageBarActions>
                  <Button onClick={() => panel.inform(null)}>Dismiss</Button>
                </MessageBarActions>
              </MessageBar>
            )}
            <RestartBanner restarts={panel.restarts} onRestart={panel.restartWindows} />
            <ChangeBanner last={panel.lastChange} onUndo={undoLast} />
            {panel.notices.map((notice) => (
              <MessageBar key={notice} intent="warning" layout="singleline" className={banner.compact}>
                <MessageBarBody className={banner.text}>{notice}</MessageBarBody>
                <MessageBarActions>
                  <Button onClick={() => panel.dismissNotice(notice)}>Dismiss</Button>
                </MessageBarActions>
              </MessageBar>
            ))}
            {panel.listError && (
              <MessageBar intent="error" layout="singleline" className={banner.compact}>
                <MessageBarBody className={banner.text}>
                  <MessageBarTitle>The drivers could not be listed</MessageBarTitle>
                  {panel.listError.message}
                </MessageBarBody>
                <MessageBarActions>
                  <Button onClick={panel.refresh}>Try again</Button>
                </MessageBarActions>
              </MessageBar>
            )}
          </div>
          <main className={styles.body}>
            <section className={styles.list} aria-label="Driver list">
              {panel.loading && !panel.drivers ? (
                <Spinner label="Reading the installed drivers…" />
              ) : (
                <DriverTable
                  rows={rows}
                  selectedId={selected?.id ?? null}
                  onSelect={panel.select}
                  sort={sort}
                  onSort={setSort}
                  restarts={panel.restarts}
                  onOpen={() => document.getElementById('details-title')?.focus()}
                  onCopy={() => selected && void copyDriverDetails(selected, panel.restarts).then(panel.inform)}
                  onContextMenu={setMenuAt}
                  empty={emptyText(panel.listError?.message ?? null, query, panel.drivers)}
                />
              )}
            </section>
            <section className={styles.details} aria-label="Driver details" ref={detailsPane}>
              {selected && (
                <Suspense fallback={null}>
                  <DriverDetails
                    driver={selected}
                    state={panel.actionState(selected.id)}
                    onAction={(action) => void panel.run(selected, action)}
                    onStopWaiting={() => panel.stopWaiting(selected)}
                    onCopy={() => void copyDriverDetails(selected, panel.restarts).then(panel.inform)}
                    onShowFile={() => void panel.showFileLocation(selected)}
                    advanced={advanced}
                  />
                </Suspense>
              )}
            </section>
          </main>
          {menuAt && (
            <Suspense fallback={null}>
              <DriverContextMenu at={menuAt} actions={detailsPane} onClose={() => setMenuAt(null)} />
            </Suspense>
          )}
        </div>
      </ElevationContext.Provider>
    </FluentProvider>
  );
}
