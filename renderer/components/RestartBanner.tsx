/**
 * Stays up for as long as any change waits for a restart, and says which. Restart
 * now asks first, naming what the restart completes; Later shrinks the banner
 * to one line, which stays until Windows has restarted.
 */
import { Button, MessageBar, MessageBarActions, MessageBarBody, MessageBarTitle } from '@fluentui/react-components';
import { useEffect, useState } from 'react';
import type { DriverFailure, RestartRequirement } from '../../app/drivers';
import { describeRestarts } from '../driverPresentation';
import { AdminGate } from './AdminGate';
import { ConfirmDialog } from './ConfirmDialog';
import { useBannerStyles } from './bannerStyles';

function RestartNow({ restarts, onRestart }: { restarts: readonly RestartRequirement[]; onRestart: () => void }): React.JSX.Element {
  return (
    <AdminGate request="restartWindows" label="Restart now…" appearance="primary">
      <ConfirmDialog trigger={<Button appearance="primary">Restart now…</Button>} title="Restart Windows now?" confirm="Restart now" onConfirm={onRestart}>
        Windows closes every program and restarts. Save your work in other programs first. The restart completes: {describeRestarts(restarts)}.
      </ConfirmDialog>
    </AdminGate>
  );
}

export interface RestartBannerProps {
  restarts: readonly RestartRequirement[];
  onRestart: () => Promise<DriverFailure | null>;
}

export function RestartBanner({ restarts, onRestart }: RestartBannerProps): React.JSX.Element | null {
  const [later, setLater] = useState(false);
  const [error, setError] = useState<DriverFailure | null>(null);
  const banner = useBannerStyles();
  // A failed restart is about the changes that were pending then.
  useEffect(() => setError(null), [restarts]);
  if (restarts.length === 0) return null;
  const restart = (): void => void onRestart().then(setError);
  return (
    <MessageBar intent={error ? 'error' : 'warning'} role="status" aria-live="polite" data-testid="restart-banner" layout="singleline" className={banner.compact}>
      {/* After Later, one line, as the person asked: the title still says that a restart is pending. */}
      <MessageBarBody className={later && !error ? undefined : banner.text}>
        <MessageBarTitle>{later ? 'Restart pending' : 'Restart Windows to finish'}</MessageBarTitle>
        {error ? error.message : `These changes take effect after a restart: ${describeRestarts(restarts)}.`}
      </MessageBarBody>
      <MessageBarActions>
        <RestartNow restarts={restarts} onRestart={restart} />
        {!later && <Button onClick={() => setLater(true)}>Later</Button>}
      </MessageBarActions>
    </MessageBar>
  );
}
