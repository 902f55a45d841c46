/**
 * The newest change to the registrations (add, remove, disable, enable, or
 * what a driver changed itself while it was configured or installed), with
 * Undo, as Explorer offers after a delete: it stays until another change
 * replaces it, so that a person can put back what they just did. Older
 * changes, those of earlier sessions too, are undone from History….
 */
import { Button, MessageBar, MessageBarActions, MessageBarBody, MessageBarTitle } from '@fluentui/react-components';
import { useState } from 'react';
import type { LastChange } from '../useLastChange';
import { changeText } from '../changeText';
import { AdminGate } from './AdminGate';
import { useBannerStyles } from './bannerStyles';

const titles = {
  add: 'Driver added',
  remove: 'Driver removed',
  disable: 'Driver disabled',
  enable: 'Driver enabled',
  configure: 'The driver changed registrations while it was configured',
  install: 'The driver changed registrations while it was installed',
} as const;

/** Changes a driver made on its own while a person configured or installed it: worth a second look, not a success. */
const byDriverOnly: ReadonlySet<string> = new Set(['configure', 'install']);

export function ChangeBanner({ last, onUndo }: { last: LastChange | null; onUndo: () => Promise<void> }): React.JSX.Element | null {
  const [undoing, setUndoing] = useState(false);
  const banner = useBannerStyles();
  if (!last) return null;
  const { change, note, undone } = last;
  const undo = (): void => {
    setUndoing(true);
    void onUndo().finally(() => setUndoing(false));
  };
  return (
    <MessageBar
      intent={undone ? 'info' : byDriverOnly.has(change.kind) ? 'warning' : 'success'}
      layout="singleline"
      className={banner.compact}
      role="status"
      data-testid="change-banner"
    >
      <MessageBarBody className={banner.text}>
        <MessageBarTitle>{undone ? 'Undone' : titles[change.kind]}</MessageBarTitle>
        {changeText(change, note)}
      </MessageBarBody>
      {!undone && (
        <MessageBarActions>
          <AdminGate request="undoChange" label="Undo" disabled={undoing}>
            <Button onClick={undo} disabledFocusable={undoing}>
              Undo
            </Button>
          </AdminGate>
        </MessageBarActions>
      )}
    </MessageBar>
  );
}
