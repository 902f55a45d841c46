import { Button, SearchBox, Spinner, makeStyles, tokens } from '@fluentui/react-components';

const useStyles = makeStyles({
  toolbar: { display: 'flex', alignItems: 'center', gap: tokens.spacingHorizontalS, flexWrap: 'wrap' },
  search: { width: '260px' },
  // Last and free to grow, so that a spinner coming and going never moves a button.
  status: { display: 'flex', alignItems: 'center', flexGrow: 1, justifyContent: 'flex-end', minWidth: '180px' },
});

export interface PanelToolbarProps {
  onRefresh: () => void;
  /** A listing is under way (the first, or after Refresh). */
  refreshing: boolean;
  probing: number;
  /** The commands that change the machine or write files (Add driver…, Export report), first. */
  children: React.ReactNode;
}

export interface PanelSearchProps {
  query: string;
  onQuery: (query: string) => void;
  inputRef: React.Ref<HTMLInputElement>;
}

/** The search box, beside the title: Ctrl+F goes there. */
export function PanelSearch({ query, onQuery, inputRef }: PanelSearchProps): React.JSX.Element {
  const styles = useStyles();
  return (
    <SearchBox
      ref={inputRef}
      className={styles.search}
      placeholder="Search drivers (Ctrl+F)"
      aria-label="Search drivers"
      title="Matches names, aliases, files, versions, companies, signers, and the words configurable, disabled, quarantined, missing, 32-bit, signed, unsigned"
      value={query}
      onChange={(_e, data) => onQuery(data.value)}
    />
  );
}

export function PanelToolbar({ onRefresh, refreshing, probing, children }: PanelToolbarProps): React.JSX.Element {
  const styles = useStyles();
  return (
    <div className={styles.toolbar} role="toolbar" aria-label="List options">
      {children}
      {/* Stays focusable while the list is read, so keyboard focus is not lost. */}
      <Button onClick={onRefresh} disabledFocusable={refreshing}>
        Refresh
      </Button>
      <div role="status" aria-live="polite" className={styles.status}>
        {refreshing ? (
          <Spinner size="tiny" label="Reading the installed drivers…" />
        ) : (
          probing > 0 && <Spinner size="tiny" label={`Checking ${probing} driver(s)…`} />
        )}
      </div>
    </div>
  );
}
