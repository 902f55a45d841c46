import { Button, Dropdown, Option, SearchBox, Spinner, makeStyles, tokens } from '@fluentui/react-components';
import { sortLabels, type SortKey } from '../driverPresentation';

const useStyles = makeStyles({
  toolbar: { display: 'flex', alignItems: 'center', gap: tokens.spacingHorizontalM },
  search: { width: '260px' },
});

export interface PanelToolbarProps {
  query: string;
  onQuery: (query: string) => void;
  sort: SortKey;
  onSort: (sort: SortKey) => void;
  onRefresh: () => void;
  probing: number;
}

export function PanelToolbar({ query, onQuery, sort, onSort, onRefresh, probing }: PanelToolbarProps): React.JSX.Element {
  const styles = useStyles();
  return (
    <div className={styles.toolbar} role="toolbar" aria-label="List options">
      {probing > 0 && <Spinner size="tiny" label={`Checking ${probing} driver(s)…`} />}
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
      <Button onClick={onRefresh}>Refresh</Button>
    </div>
  );
}
