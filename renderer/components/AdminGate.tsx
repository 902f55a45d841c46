/**
 * A request that needs administrator rights. With them, the action's own
 * button; without, the same button with the shield, which explains and offers
 * "Restart as administrator" rather than failing half-way.
 */
import { Button, type ButtonProps } from '@fluentui/react-components';
import { ShieldRegular } from '@fluentui/react-icons';
import { useContext, type ReactElement } from 'react';
import { elevationProblem, type AdminChannel } from '../../app/privileges';
import { ElevationContext } from '../elevation';
import { ConfirmDialog } from './ConfirmDialog';

export interface AdminGateProps {
  /** The request the action makes. */
  request: AdminChannel;
  label: string;
  appearance?: ButtonProps['appearance'];
  disabled?: boolean;
  /** What the action shows when the rights are there. */
  children: ReactElement;
}

export function AdminGate({ request, label, appearance, disabled, children }: AdminGateProps): ReactElement {
  const { elevated, restartAsAdministrator } = useContext(ElevationContext);
  if (elevated) return children;
  return (
    <ConfirmDialog
      trigger={
        <Button data-menu appearance={appearance} disabledFocusable={disabled} icon={<ShieldRegular />} aria-description="Needs administrator rights">
          {label}
        </Button>
      }
      title="Administrator rights needed"
      confirm="Restart as administrator"
      onConfirm={restartAsAdministrator}
    >
      {elevationProblem(request, false, 'app')}
    </ConfirmDialog>
  );
}
