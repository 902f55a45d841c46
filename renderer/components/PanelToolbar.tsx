import { Button, Dropdown, Option, SearchBox, Spinner, makeStyles, tokens } from '@fluentui/react-components';
import { sortLabels, type SortKey } from '../driverPresentation';

const useStyles = makeStyles({
  toolbar: { display: 'flex', alignItems: 'center', gap: tokens.spacingHorizontalM },
  search: { width: '260px' },
  status: { display: 'flex', alignItems: 'center' },
});

export interface PanelToolbarProps {
  query: string;
  onQuery: (query: string) => void;
  sort: SortKey;
  onSort: (sort: SortKey) => void;
  onRefresh: () => void;
  /** A listing is under way (the first, or after Refresh). */
  refreshing: boolean;
  probing: number;
}

export function PanelToolbar({ query, onQuery, sort, onSort, onRefresh, refreshing, probing }: PanelToolbarProps): React.JSX.Element {
  const styles = useStyles();
  return (
    <div className={styles.toolbar} role="toolbar" aria-label="List options">
      <div role="status" aria-live="polite" className={styles.status}>
        {refreshing ? (
          <Spinner size="tiny" label="Reading the installed drivers…" />
        ) : (
          probing > 0 && <Spinner size="tiny" label={`Checking ${probing} driver(s)…`} />
        )}
      </div>
      <SearchBox
        className={styles.search}
        placeholder="Search drivers"
        aria-label="Search drivers"
        value={query}
        onChange={(_e, data) => onQuery(data.value)}
      />
      <Dropdown
        aria-label="Sort by"
        value={`Sort: ${sortLabels[sort]}`}
        selectedOptions={[sort]}
        onOptionSelect={(_e, data) => data.optionValue && onSort(data.optionValue as SortKey)}
      >
        {(Object.keys(sortLabels) as SortKey[]).map((key) => (
          <Option key={key} value={key}>
            {sortLabels[key]}
          </Option>
        ))}
      </Dropdown>
      {/* Stays focusable while the list is read, so keyboard focus is not lost. */}
      <Button onClick={onRefresh} disabledFocusable={refreshing}>
        Refresh
      </Button>
    </div>
  );
}
