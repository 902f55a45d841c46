/** The control panel: toolbar, restart banner, the driver list and the selected driver's details. */
import {
  Button,
  FluentProvider,
  MessageBar,
  MessageBarActions,
  MessageBarBody,
  MessageBarTitle,
  Spinner,
  Title3,
  makeStaticStyles,
  makeStyles,
  tokens,
} from '@fluentui/react-components';
import { useMemo, useState } from 'react';
import { ChangeBanner } from './components/ChangeBanner';
import { DriverDetails } from './components/DriverDetails';
import { DriverList } from './components/DriverList';
import { PanelToolbar } from './components/PanelToolbar';
import { RestartBanner } from './components/RestartBanner';
import { buildRows, type SortKey } from './driverPresentation';
import { ElevationContext } from './elevation';
import { useDriverPanel } from './useDriverPanel';
import { useSystemTheme } from './useSystemTheme';

const useGlobalStyles = makeStaticStyles({ body: { margin: 0 } });

const useStyles = makeStyles({
  root: { height: '100vh', display: 'flex', flexDirection: 'column', backgroundColor: tokens.colorNeutralBackground2 },
  header: { display: 'flex', alignItems: 'center', gap: tokens.spacingHorizontalL, padding: `${tokens.spacingVerticalM} ${tokens.spacingHorizontalXL}` },
  title: { flexGrow: 1 },
  body: { flexGrow: 1, display: 'flex', gap: tokens.spacingHorizontalL, padding: `0 ${tokens.spacingHorizontalXL} ${tokens.spacingVerticalL}`, minHeight: 0 },
  list: { flex: '1 1 55%', minWidth: '320px', display: 'flex', flexDirection: 'column' },
  details: { flex: '1 1 45%', minWidth: '300px', overflowY: 'auto' },
  banners: { padding: `0 ${tokens.spacingHorizontalXL} ${tokens.spacingVerticalM}`, display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalS },
});

/** What an empty list says: why it could not be read, that the search matches nothing, or that nothing is installed. */
function emptyText(listError: string | null, query: string, drivers: readonly unknown[] | null): string {
  if (listError && !drivers) return `The drivers could not be listed: ${listError}`;
  return query.trim() ? 'No driver matches the search.' : 'No installable driver is registered on this computer.';
}

export function App(): React.JSX.Element {
  useGlobalStyles();
  const theme = useSystemTheme();
  const styles = useStyles();
  const panel = useDriverPanel();
  const [query, setQuery] = useState('');
  const [sort, setSort] = useState<SortKey>('name');
  const rows = useMemo(() => buildRows(panel.drivers ?? [], query, sort), [panel.drivers, query, sort]);
  // Until the person picks one, the first driver in the list is selected.
  const selected = panel.selected ?? rows.find((row) => row.type === 'driver')?.driver ?? null;
  const { elevated, restartAsAdministrator } = panel;
  const elevation = useMemo(() => ({ elevated, restartAsAdministrator }), [elevated, restartAsAdministrator]);

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
            <PanelToolbar query={query} onQuery={setQuery} sort={sort} onSort={setSort} onRefresh={panel.refresh} refreshing={panel.loading} probing={panel.checking} />
          </header>
          <div className={styles.banners}>
            <RestartBanner restarts={panel.restarts} onRestart={panel.restartWindows} />
            <ChangeBanner last={panel.lastChange} onUndo={panel.undo} />
            {panel.notices.map((notice) => (
              <MessageBar key={notice} intent="warning" layout="multiline">
                <MessageBarBody>{notice}</MessageBarBody>
                <MessageBarActions>
                  <Button onClick={() => panel.dismissNotice(notice)}>Dismiss</Button>
                </MessageBarActions>
              </MessageBar>
            ))}
            {panel.listError && (
              <MessageBar intent="error">
                <MessageBarBody>
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
                <DriverList rows={rows} selectedId={selected?.id ?? null} onSelect={panel.select} restarts={panel.restarts} empty={emptyText(panel.listError?.message ?? null, query, panel.drivers)} />
              )}
            </section>
            <section className={styles.details} aria-label="Driver details">
              {selected && (
                <DriverDetails
                  driver={selected}
                  state={panel.actionState(selected.id)}
                  onAction={(action) => void panel.run(selected, action)}
                  onStopWaiting={() => panel.stopWaiting(selected)}
                />
              )}
            </section>
          </main>
        </div>
      </ElevationContext.Provider>
    </FluentProvider>
  );
}
