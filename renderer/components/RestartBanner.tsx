import { MessageBar, MessageBarBody, MessageBarTitle } from '@fluentui/react-components';
import type { RestartRequirement } from '../../app/drivers';
import { describeRestarts } from '../driverPresentation';

/** Stays up for as long as any change waits for a restart, and says which. */
export function RestartBanner({ restarts }: { restarts: readonly RestartRequirement[] }): React.JSX.Element | null {
  if (restarts.length === 0) return null;
  return (
    <MessageBar intent="warning" role="status" aria-live="polite" data-testid="restart-banner">
      <MessageBarBody>
        <MessageBarTitle>Restart Windows to finish</MessageBarTitle>
        These changes take effect after a restart: {describeRestarts(restarts)}.
      </MessageBarBody>
    </MessageBar>
  );
}
